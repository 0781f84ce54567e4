#!/usr/bin/env node
// Installs dependencies when they are missing or older than package-lock.json, so that `npm start` and
// `npm test` work on a fresh clone. Plain Node, no dependencies. Exits 0 when the tree is (now) installed.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const defaultRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Written into node_modules after an install: the hash of the package-lock.json it was installed from. */
const stampName = ".portal-install-stamp";

function lockfileHash(lockfile) {
  return createHash("sha256").update(readFileSync(lockfile)).digest("hex");
}

/**
 * Why an install is needed in `root`, or undefined when node_modules is up to date. Up to date means: installed
 * from this very lockfile (stamp), or installed after the lockfile last changed (npm rewrites
 * node_modules/.package-lock.json on every install). The stamp matters after `git clone`/`checkout`, which give
 * an unchanged lockfile a new modification time.
 */
export function installReason(root = defaultRoot) {
  const modules = path.join(root, "node_modules");
  if (!existsSync(modules)) return "node_modules is missing";
  const lockfile = path.join(root, "package-lock.json");
  if (!existsSync(lockfile)) return undefined;
  const stamp = path.join(modules, stampName);
  const hash = lockfileHash(lockfile);
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === hash) return undefined;
  const hidden = path.join(modules, ".package-lock.json");
  const installedAt = statSync(existsSync(hidden) ? hidden : modules).mtimeMs;
  if (statSync(lockfile).mtimeMs > installedAt) return "package-lock.json is newer than node_modules";
  writeFileSync(stamp, `${hash}\n`);
  return undefined;
}

/** Runs `npm ci` (or `npm install` without a lockfile) in `root` when needed; throws when npm fails. */
export function ensureInstalled(root = defaultRoot) {
  const reason = installReason(root);
  if (reason === undefined) return false;
  const modules = path.join(root, "node_modules");
  const lockfile = path.join(root, "package-lock.json");
  const hasLockfile = existsSync(lockfile);
  if (hasLockfile && existsSync(modules) && lstatSync(modules).isSymbolicLink()) {
    // npm ci empties node_modules first and follows the link: it would wipe the tree it points to.
    throw new Error(`${reason}, but node_modules is a symbolic link; not running npm ci. Install by hand.`);
  }
  const args = hasLockfile ? ["ci"] : ["install"];
  process.stderr.write(`${reason}: running npm ${args.join(" ")}\n`);
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const result = spawnSync(npm, args, { cwd: root, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw new Error(`cannot run npm: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`npm ${args.join(" ")} failed with exit code ${result.status}`);
  if (hasLockfile) writeFileSync(path.join(modules, stampName), `${lockfileHash(lockfile)}\n`);
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
