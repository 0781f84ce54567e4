import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { readProcessEnvironment } from "../runtime-config/environment.js";

// Runs the real process entry the way `npm start` does: `node --import tsx/esm server/src/main.ts` in the repo root.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-main-"));
  temps.push(dir);
  return dir;
}

interface MainProcess {
  readonly pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first stdout match of `pattern`, or rejects if the process exits first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

function runMain(env: Record<string, string>): MainProcess {
  const child = spawn(process.execPath, ["--import", "tsx/esm", "server/src/main.ts"], {
    cwd: repoRoot,
    env: { PATH: readProcessEnvironment().PATH ?? "", HOST: "127.0.0.1", PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters: (() => void)[] = [];
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const wake of waiters) wake();
  });
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  return {
    pid: child.pid ?? 0,
    stdout: () => stdout,
    stderr: () => stderr,
    exited,
    kill: (signal) => child.kill(signal),
    waitFor: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = pattern.exec(stdout);
          if (match) resolve(match);
        };
        waiters.push(check);
        check();
        void exited.then(() => reject(new Error(`exited before printing ${pattern}; stderr:\n${stderr}`)));
      }),
  };
}

describe("server/src/main.ts", () => {
  it("exits 1 on a broken static configuration, prints every problem to stderr and writes nothing", async () => {
    const root = tempDir();
    const configDir = path.join(root, "config");
    const dataDir = path.join(root, "data");
    mkdirSync(configDir);
    writeFileSync(path.join(configDir, "portal.yaml"), "title: 5\nunknownSetting: true\n");
    writeFileSync(path.join(configDir, "groups.yaml"), "groups: [unclosed\n");

    const main = runMain({ PORTAL_CONFIG_DIR: configDir, PORTAL_DATA_DIR: dataDir });
    expect(await main.exited).toEqual({ code: 1, signal: null });
    const stderr = main.stderr();
    expect(stderr).toMatch(
      /^API portal did not start \(static configuration\):\nInvalid static configuration in /,
    );
    expect(stderr).toMatch(/\(\d+ problems\)/);
    expect(stderr).toContain("portal.yaml");
    expect(stderr).toContain("groups.yaml");
    expect(stderr).toContain("plans.yaml: file not found");
    expect(main.stdout()).not.toContain("listening");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("exits 1 with the variable names on an invalid environment", async () => {
    const main = runMain({ PORT: "eighty" });
    expect(await main.exited).toEqual({ code: 1, signal: null });
    expect(main.stderr()).toContain("API portal did not start (runtime configuration)");
    expect(main.stderr()).toContain('PORT="eighty"');
  });

  // Uses the sample configuration in deploy/config (never skipped: a missing sample configuration fails).
  it("serves with the sample configuration and exits 0 after SIGTERM", async () => {
    const dataDir = path.join(tempDir(), "data");
    const main = runMain({ PORTAL_DATA_DIR: dataDir });
    try {
      const [, url] = await main.waitFor(/^API portal listening on (http:\/\/127\.0\.0\.1:\d+)$/m);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`, { headers: { "x-request-id": "main-test-1" } });
      expect(ready.status).toBe(200);
      expect(ready.headers.get("x-request-id")).toBe("main-test-1");
      expect(existsSync(path.join(dataDir, "portal.sqlite"))).toBe(true);

      main.kill("SIGTERM");
      expect(await main.exited).toEqual({ code: 0, signal: null });
      const logs = main
        .stdout()
        .split("\n")
        .filter((line) => line.startsWith("{"))
        .map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(logs.find((l) => l.msg === "API portal listening")).toMatchObject({ url, level: "info" });
      expect(
        logs.some((l) => l.msg === "static configuration loaded" && typeof l.configHash === "string"),
      ).toBe(true);
      expect(logs.some((l) => l.msg === "shutdown signal received" && l.signal === "SIGTERM")).toBe(true);
      expect(logs.some((l) => l.msg === "API portal stopped")).toBe(true);
    } finally {
      main.kill("SIGKILL");
    }
  });
});
