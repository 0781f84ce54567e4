import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

// Exercises scripts/ensure-installed.mjs and scripts/start.mjs on copies in temporary project roots, with a fake
// `npm` first on PATH, so the tests never install anything into the real checkout.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const temps: string[] = [];
afterEach(() => {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "portal-scripts-"));
  temps.push(root);
  mkdirSync(path.join(root, "scripts"));
  for (const script of ["ensure-installed.mjs", "start.mjs"]) {
    copyFileSync(path.join(repoRoot, "scripts", script), path.join(root, "scripts", script));
  }
  return root;
}

/** A fake npm that records its arguments and "installs" by writing node_modules/.package-lock.json. */
function fakeNpm(root: string, exitCode = 0): { bin: string; calls: () => string[] } {
  const bin = path.join(root, "fake-bin");
  mkdirSync(bin);
  const log = path.join(root, "npm-calls.log");
  writeFileSync(
    path.join(bin, "npm"),
    `#!/bin/sh\necho "$@" >> "${log}"\nmkdir -p node_modules && echo '{}' > node_modules/.package-lock.json\nexit ${exitCode}\n`,
  );
  chmodSync(path.join(bin, "npm"), 0o755);
  return {
    bin,
    calls: () => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []),
  };
}

function runEnsureInstalled(root: string, bin: string) {
  return spawnSync(process.execPath, [path.join(root, "scripts", "ensure-installed.mjs")], {
    cwd: tmpdir(),
    env: { ...processEnvWithPath(bin) },
    encoding: "utf8",
  });
}

function processEnvWithPath(bin: string): Record<string, string> {
  return { PATH: `${bin}${path.delimiter}${path.dirname(process.execPath)}${path.delimiter}/usr/bin:/bin` };
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

function setAge(file: string, secondsAgo: number) {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
}

describe("scripts/ensure-installed.mjs", () => {
  it("runs npm ci in the project root when node_modules is missing", () => {
    const root = tempRoot();
    writeFileSync(path.join(root, "package-lock.json"), "{}");
    const npm = fakeNpm(root);
    const result = runEnsureInstalled(root, npm.bin);
    expect(result.status).toBe(0);
    expect(npm.calls()).toEqual(["ci"]);
    expect(result.stderr).toContain("node_modules is missing: running npm ci");
    expect(readFileSync(path.join(root, "node_modules", ".portal-install-stamp"), "utf8").trim()).toBe(
      sha256("{}"),
    );
  });

  it("runs npm install when there is no lockfile", () => {
    const root = tempRoot();
    const npm = fakeNpm(root);
    expect(runEnsureInstalled(root, npm.bin).status).toBe(0);
    expect(npm.calls()).toEqual(["install"]);
  });

  it("does nothing when node_modules is newer than the lockfile", () => {
    const root = tempRoot();
    writeFileSync(path.join(root, "package-lock.json"), "{}");
    mkdirSync(path.join(root, "node_modules"));
    writeFileSync(path.join(root, "node_modules", ".package-lock.json"), "{}");
    setAge(path.join(root, "package-lock.json"), 60);
    const npm = fakeNpm(root);
    const result = runEnsureInstalled(root, npm.bin);
    expect(result.status).toBe(0);
    expect(npm.calls()).toEqual([]);
    expect(result.stderr).toBe("");
    // Remembers the lockfile it found up to date, so a later checkout that only touches it reinstalls nothing.
    expect(readFileSync(path.join(root, "node_modules", ".portal-install-stamp"), "utf8").trim()).toBe(
      sha256("{}"),
    );
  });

  it("does nothing when the lockfile only looks newer (fresh checkout) but is the one installed from", () => {
    const root = tempRoot();
    mkdirSync(path.join(root, "node_modules"));
    writeFileSync(path.join(root, "node_modules", ".package-lock.json"), "{}");
    writeFileSync(path.join(root, "node_modules", ".portal-install-stamp"), `${sha256('{"v":1}')}\n`);
    setAge(path.join(root, "node_modules", ".package-lock.json"), 60);
    writeFileSync(path.join(root, "package-lock.json"), '{"v":1}');
    const npm = fakeNpm(root);
    expect(runEnsureInstalled(root, npm.bin).status).toBe(0);
    expect(npm.calls()).toEqual([]);
  });

  it("reinstalls when the lockfile changed since the stamped install", () => {
    const root = tempRoot();
    mkdirSync(path.join(root, "node_modules"));
    writeFileSync(path.join(root, "node_modules", ".package-lock.json"), "{}");
    writeFileSync(path.join(root, "node_modules", ".portal-install-stamp"), `${sha256('{"v":1}')}\n`);
    setAge(path.join(root, "node_modules", ".package-lock.json"), 60);
    writeFileSync(path.join(root, "package-lock.json"), '{"v":2}');
    const npm = fakeNpm(root);
    expect(runEnsureInstalled(root, npm.bin).status).toBe(0);
    expect(npm.calls()).toEqual(["ci"]);
    expect(readFileSync(path.join(root, "node_modules", ".portal-install-stamp"), "utf8").trim()).toBe(
      sha256('{"v":2}'),
    );
  });

  it("never runs npm ci through a symlinked node_modules (npm would empty the link's target)", () => {
    const root = tempRoot();
    const elsewhere = path.join(root, "shared-modules");
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, "precious"), "x");
    setAge(path.join(elsewhere), 60);
    symlinkSync(elsewhere, path.join(root, "node_modules"));
    writeFileSync(path.join(root, "package-lock.json"), "{}");
    const npm = fakeNpm(root);
    const result = runEnsureInstalled(root, npm.bin);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("node_modules is a symbolic link; not running npm ci");
    expect(npm.calls()).toEqual([]);
    expect(existsSync(path.join(elsewhere, "precious"))).toBe(true);
  });

  it("reinstalls when the lockfile is newer than node_modules", () => {
    const root = tempRoot();
    mkdirSync(path.join(root, "node_modules"));
    writeFileSync(path.join(root, "node_modules", ".package-lock.json"), "{}");
    setAge(path.join(root, "node_modules", ".package-lock.json"), 60);
    writeFileSync(path.join(root, "package-lock.json"), "{}");
    const npm = fakeNpm(root);
    const result = runEnsureInstalled(root, npm.bin);
    expect(result.status).toBe(0);
    expect(npm.calls()).toEqual(["ci"]);
    expect(result.stderr).toContain("package-lock.json is newer than node_modules");
  });

  it("exits non-zero when npm fails", () => {
    const root = tempRoot();
    writeFileSync(path.join(root, "package-lock.json"), "{}");
    const npm = fakeNpm(root, 3);
    const result = runEnsureInstalled(root, npm.bin);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("npm ci failed with exit code 3");
  });
});

describe("scripts/start.mjs", () => {
  it("runs server/src/main.ts as its only child, forwards SIGTERM and exits with the child's code", async () => {
    const root = tempRoot();
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"));
    mkdirSync(path.join(root, "server", "src"), { recursive: true });
    // ES modules, as in the repository: the processes run with tsx's ESM loader only (`--import tsx/esm`).
    writeFileSync(path.join(root, "server", "package.json"), '{ "type": "module" }\n');
    writeFileSync(
      path.join(root, "server", "src", "main.ts"),
      [
        'const tag: string = "fake main";',
        'process.on("SIGTERM", () => { process.stdout.write(`${tag} got SIGTERM\\n`); process.exit(7); });',
        "process.stdout.write(`${tag} ready ${process.pid} ${process.ppid}\\n`);",
        "setInterval(() => {}, 1000);",
      ].join("\n"),
    );
    const npm = fakeNpm(root);
    const started = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
      cwd: tmpdir(),
      env: processEnvWithPath(npm.bin),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    const ready = new Promise<{ pid: number; ppid: number }>((resolve) => {
      started.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /fake main ready (\d+) (\d+)/.exec(stdout);
        if (match) resolve({ pid: Number(match[1]), ppid: Number(match[2]) });
      });
    });
    const exited = new Promise<number | null>((resolve) => started.on("exit", (code) => resolve(code)));

    const child = await ready;
    expect(child.ppid).toBe(started.pid);
    started.kill("SIGTERM");
    expect(await exited).toBe(7);
    expect(stdout).toContain("fake main got SIGTERM");
    expect(npm.calls()).toEqual([]);
    expect(() => process.kill(child.pid, 0)).toThrow();
  });

  it("starts the bridge once the server listens, with a made-up delivery account both share, and stops both", async () => {
    const root = tempRoot();
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"));
    const fakeProcess = (file: string, lines: string[]) => {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, [...lines, "setInterval(() => {}, 1000);"].join("\n"));
    };
    fakeProcess(path.join(root, "server", "src", "main.ts"), [
      'process.on("SIGTERM", () => process.exit(0));',
      "process.stdout.write(`server accounts ${String(process.env.PORTAL_SERVICE_ACCOUNTS)}\\n`);",
      'process.stdout.write("API portal listening on http://127.0.0.1:4567\\n");',
      'setTimeout(() => process.stdout.write("Administrator: admin@start.test (password ...)\\n"), 50);',
    ]);
    fakeProcess(path.join(root, "bridge", "src", "main.ts"), [
      'process.on("SIGTERM", () => { process.stdout.write(`bridge got SIGTERM\\n`); process.exit(0); });',
      "process.stdout.write(`bridge ${String(process.env.BRIDGE_PORTAL_URL)} ${String(process.env.BRIDGE_TOKEN)} ${process.pid}\\n`);",
      'setTimeout(() => process.stdout.write("Built-in listeners: mailer on: outbox\\n"), 100);',
    ]);
    const npm = fakeNpm(root);
    const started = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
      cwd: tmpdir(),
      env: processEnvWithPath(npm.bin),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    const bridgeUp = new Promise<RegExpExecArray>((resolve) => {
      started.stdout.on("data", (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /bridge (\S+) (\S+) (\d+)/.exec(stdout);
        if (match) resolve(match);
      });
    });
    const exited = new Promise<number | null>((resolve) => started.on("exit", (code) => resolve(code)));

    const [, url, token, pid] = await bridgeUp;
    expect(url).toBe("http://127.0.0.1:4567");
    const deadline = Date.now() + 10_000;
    while (!stdout.includes("Stop with Ctrl-C.") && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stdout).toContain("▸ starting the server");
    expect(stdout).toContain("▸ starting the bridge and its built-in listeners");
    expect(stdout).toContain("The API portal is running: http://127.0.0.1:4567\n");
    expect(stdout).toContain("Sign in as the administrator admin@start.test\n");
    expect(stdout).toContain("Built-in listeners:\n  mailer on: outbox\n");
    expect(token?.length).toBeGreaterThanOrEqual(32);
    expect(stdout).toContain(`server accounts bridge:read-write:${token}`);
    started.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(stdout).toContain("bridge got SIGTERM");
    expect(() => process.kill(Number(pid), 0)).toThrow();
  });
});
