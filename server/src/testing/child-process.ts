import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { readProcessEnvironment } from "../runtime-config/environment.js";

export interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a TypeScript file of this package (path relative to `server/`) in a separate `node --import tsx/esm` process,
 * optionally feeding `input` to its stdin.
 */
export function runTypeScriptProcess(
  file: string,
  env: Readonly<Record<string, string>>,
  args: readonly string[] = [],
  input?: string,
): Promise<ChildResult> {
  const serverDir = fileURLToPath(new URL("../../", import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx/esm", file, ...args], {
      cwd: serverDir,
      env: { ...readProcessEnvironment(), ...env },
      stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    child.stdin?.end(input);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
