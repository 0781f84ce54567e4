#!/usr/bin/env node
// `npm start`: installs dependencies if needed, then runs the server as ONE child process
// (`node --import tsx server/src/main.ts`; `npx tsx` would add a wrapper process and leave an orphan on kill).
// SIGINT/SIGTERM are forwarded to the child; this process exits with the child's exit code.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureInstalled } from "./ensure-installed.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newestMtime(dir) {
  if (!existsSync(dir)) return 0;
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

/** Builds the web portal when portal/dist is missing or older than portal/src. */
function ensurePortalBuilt() {
  const sources = path.join(root, "portal", "src");
  const built = path.join(root, "portal", "dist", "index.html");
  if (!existsSync(sources)) return;
  if (existsSync(built) && statSync(built).mtimeMs >= newestMtime(sources)) return;
  process.stderr.write("portal/dist is missing or older than portal/src: running npm run build -w portal\n");
  const result = spawnSync("npm", ["run", "build", "-w", "portal"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) throw new Error(`building the portal failed with exit code ${result.status}`);
}

try {
  ensureInstalled(root);
  ensurePortalBuilt();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
  cwd: root,
  stdio: "inherit",
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}

child.on("error", (error) => {
  process.stderr.write(`cannot start the server: ${error.message}\n`);
  process.exit(1);
});

child.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1));
});
