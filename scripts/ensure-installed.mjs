#!/usr/bin/env node
// Installs dependencies when they are missing or older than package-lock.json, so that `npm start` and
// `npm test` work on a fresh clone. Plain Node, no dependencies. Exits 0 when the tree is (now) installed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Why an install is needed in `root`, or undefined when node_modules is up to date. npm rewrites
 * node_modules/.package-lock.json on every install, so its age says when the tree was last installed.
 */
export function installReason(root = defaultRoot) {
  const modules = path.join(root, "node_modules");
  if (!existsSync(modules)) return "node_modules is missing";
  const lockfile = path.join(root, "package-lock.json");
  if (!existsSync(lockfile)) return undefined;
  const hidden = path.join(modules, ".package-lock.json");
  const installedAt = statSync(existsSync(hidden) ? hidden : modules).mtimeMs;
  return statSync(lockfile).mtimeMs > installedAt
    ? "package-lock.json is newer than node_modules"
    : undefined;
}

/** Runs `npm ci` (or `npm install` without a lockfile) in `root` when needed; throws when npm fails. */
export function ensureInstalled(root = defaultRoot) {
  const reason = installReason(root);
  if (reason === undefined) return false;
  const args = existsSync(path.join(root, "package-lock.json")) ? ["ci"] : ["install"];
  process.stderr.write(`${reason}: running npm ${args.join(" ")}\n`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw new Error(`cannot run npm: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed with exit code ${result.status}`);
  return true;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    ensureInstalled();
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  }
}
