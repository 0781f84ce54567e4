import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
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

/** A build older than this is from a process that died mid-build. */
const STALE_LOCK_MS = 5 * 60_000;

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Builds `portal/dist` unless a build newer than every file of `portal/src` exists (for the tests and benchmarks
 * that serve the portal). Test files run in parallel workers: a lock directory makes one of them build while the
 * others wait for that build instead of writing `portal/dist` at the same time.
 */
export function ensurePortalBuild(): void {
  const index = path.join(repoRoot, "portal", "dist", "index.html");
  const sources = path.join(repoRoot, "portal", "src");
  const lock = path.join(repoRoot, "portal", ".build-lock");
  const fresh = () => existsSync(index) && statSync(index).mtimeMs >= newestMtime(sources);
  for (;;) {
    if (fresh()) return;
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const lockedAt = statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - lockedAt > STALE_LOCK_MS) rmSync(lock, { recursive: true, force: true });
      else sleepSync(200);
    }
  }
  try {
    if (!fresh()) build();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function build(): void {
  // vitest sets NODE_ENV=test, which would make vite build Svelte's development bundle.
  const result = spawnSync("env", ["NODE_ENV=production", "npm", "run", "build", "-w", "portal"], {
    cwd: repoRoot,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`building the portal failed:\n${result.stdout}\n${result.stderr}`);
}
