#!/usr/bin/env node
// `npm start`: installs dependencies if needed, builds the portal if stale, then runs the whole embedded system:
// the server (`node --import tsx/esm server/src/main.ts`; `npx tsx` would add a wrapper process and leave an orphan on
// kill) and, once the server listens, the bridge (`bridge/src/main.ts`) with a delivery service account.
// SIGINT/SIGTERM are forwarded to both; when one of them exits the other is stopped, and this process exits with
// the server's exit code (or the bridge's, when the bridge failed first). Progress lines say what is starting, and
// a banner shows the portal's URL, the administrator to sign in as and the built-in listeners once all is up.
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

/** One progress line per step of the start, so a first start (install, build) never looks stuck. */
function progress(step) {
  process.stdout.write(`▸ ${step}\n`);
}

try {
  progress("checking dependencies (npm ci on the first start takes about two minutes)");
  ensureInstalled(root);
  progress("checking the web portal build");
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

progress("starting the server (database migrations, static configuration)");
const server = spawn(process.execPath, ["--import", "tsx/esm", "server/src/main.ts"], {
  cwd: root,
  env: { ...process.env, ...(bridge?.serverEnv ?? {}) },
  stdio: ["inherit", "pipe", "inherit"],
});

/** What the ready banner needs, collected from the server's and the bridge's output. */
const started = { url: null, administrator: null, listeners: null, bannerShown: false };

function showBannerWhenReady() {
  if (started.bannerShown || started.url === null) return;
  if (bridge && started.listeners === null) return;
  started.bannerShown = true;
  serverOutput = null;
  const lines = [
    `The API portal is running: ${started.url}`,
    started.administrator ? `Sign in as the administrator ${started.administrator}` : null,
    started.listeners
      ? `Built-in listeners:\n${started.listeners
          .split("; ")
          .map((listener) => `  ${listener}`)
          .join("\n")}`
      : "The bridge is not running (see above).",
    "Stop with Ctrl-C.",
  ].filter((line) => line !== null);
  const width = Math.max(...lines.flatMap((line) => line.split("\n")).map((line) => line.length));
  const rule = "─".repeat(Math.min(width, 100));
  process.stdout.write(`${rule}\n${lines.join("\n")}\n${rule}\n`);
}

let serverOutput = "";
server.stdout.on("data", (chunk) => {
  process.stdout.write(chunk);
  if (serverOutput === null) return;
  serverOutput += chunk.toString();
  started.administrator ??=
    /^(?:First administrator created|Administrator): (\S+)/m.exec(serverOutput)?.[1] ?? null;
  const listening = /API portal listening on (\S+)/.exec(serverOutput);
  if (!listening || started.url !== null) return;
  started.url = listening[1];
  if (!bridge) return showBannerWhenReady();
  progress("starting the bridge and its built-in listeners");
  const bridgeProcess = spawn(process.execPath, ["--import", "tsx/esm", "bridge/src/main.ts"], {
    cwd: root,
    env: { ...process.env, BRIDGE_PORTAL_URL: listening[1], ...bridge.bridgeEnv },
    stdio: ["inherit", "pipe", "inherit"],
  });
  let bridgeOutput = "";
  bridgeProcess.stdout.on("data", (data) => {
    process.stdout.write(data);
    if (bridgeOutput === null) return;
    bridgeOutput += data.toString();
    const listeners = /^Built-in listeners: (.*)$/m.exec(bridgeOutput);
    if (!listeners) return;
    bridgeOutput = null;
    started.listeners = listeners[1];
    showBannerWhenReady();
  });
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
