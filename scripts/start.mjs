#!/usr/bin/env node
// `npm start`: installs dependencies if needed, builds the portal if stale, then runs the whole embedded system:
// the server (`node --import tsx server/src/main.ts`; `npx tsx` would add a wrapper process and leave an orphan on
// kill) and, once the server listens, the bridge (`bridge/src/main.ts`) with a delivery service account.
// SIGINT/SIGTERM are forwarded to both; when one of them exits the other is stopped, and this process exits with
// the server's exit code (or the bridge's, when the bridge failed first).
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
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

/**
 * The bridge needs a delivery service account. Without any configured service accounts, one is made up for this
 * run; with configured ones, the bridge starts only when BRIDGE_TOKEN says which token is its own.
 */
function bridgeCredentials(env) {
  if (env.BRIDGE_TOKEN || env.BRIDGE_TOKEN_FILE) return { serverEnv: {}, bridgeEnv: {} };
  if (env.PORTAL_SERVICE_ACCOUNTS || env.PORTAL_SERVICE_ACCOUNTS_FILE) return null;
  const token = randomBytes(32).toString("base64url");
  return {
    serverEnv: { PORTAL_SERVICE_ACCOUNTS: `bridge:read-write:${token}` },
    bridgeEnv: { BRIDGE_TOKEN: token },
  };
}

const bridgeEntry = path.join(root, "bridge", "src", "main.ts");
const bridge = existsSync(bridgeEntry) ? bridgeCredentials(process.env) : null;
if (existsSync(bridgeEntry) && bridge === null) {
  process.stderr.write(
    "The bridge is not started: PORTAL_SERVICE_ACCOUNTS is set, so set BRIDGE_TOKEN to its token.\n",
  );
}

const children = new Set();
let exiting = false;

function stopAll(signal) {
  for (const running of children) {
    if (running.exitCode === null && running.signalCode === null) running.kill(signal);
  }
}

function exitCodeOf(code, signal) {
  return code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 1);
}

function track(name, child, onExit) {
  children.add(child);
  child.on("error", (error) => {
    process.stderr.write(`cannot start the ${name}: ${error.message}\n`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    children.delete(child);
    onExit(code, signal);
  });
}

const server = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
  cwd: root,
  env: { ...process.env, ...(bridge?.serverEnv ?? {}) },
  stdio: ["inherit", "pipe", "inherit"],
});

let serverOutput = "";
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (!bridge || serverOutput === null) return;
  serverOutput += chunk.toString();
  const listening = /API portal listening on (\S+)/.exec(serverOutput);
  if (!listening) return;
  serverOutput = null;
  const bridgeProcess = spawn(process.execPath, ["--import", "tsx", "bridge/src/main.ts"], {
    cwd: root,
    env: { ...process.env, BRIDGE_PORTAL_URL: listening[1], ...bridge.bridgeEnv },
    stdio: "inherit",
  });
  process.stdout.write(`Bridge started (delivers the event log to webhook listeners of ${listening[1]})\n`);
  track("bridge", bridgeProcess, (code, signal) => {
    if (exiting) return;
    exiting = true;
    process.stderr.write(`the bridge stopped (${signal ?? `exit code ${code}`}); stopping the server\n`);
    process.exitCode = exitCodeOf(code, signal) || 1;
    stopAll("SIGTERM");
  });
});

track("server", server, (code, signal) => {
  exiting = true;
  stopAll("SIGTERM");
  const finish = () => process.exit(process.exitCode || exitCodeOf(code, signal));
  if (children.size === 0) finish();
  else for (const running of children) running.on("exit", () => children.size === 0 && finish());
});

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    exiting = true;
    stopAll(signal);
  });
}
