import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

function newestMtime(dir: string): number {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds `portal/dist` unless a build newer than every file of `portal/src` exists (for the browser tests). */
export function ensurePortalBuild(): void {
  const index = path.join(repoRoot, "portal", "dist", "index.html");
  const sources = path.join(repoRoot, "portal", "src");
  if (existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources)) return;
  // vitest sets NODE_ENV=test, which would make vite build Svelte's development bundle.
  const result = spawnSync("env", ["NODE_ENV=production", "npm", "run", "build", "-w", "portal"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`building the portal failed:\n${result.stdout}\n${result.stderr}`);
}
