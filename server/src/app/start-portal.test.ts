import Database from "better-sqlite3";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { createCapturedLogger } from "../observability/captured-logger.js";
import { RuntimeConfigError } from "../runtime-config/runtime-config.js";
import { StaticConfigError, formatProblem } from "../static-config/static-config.js";
import { BootError } from "./boot-error.js";
import { startPortal, type RunningPortal } from "./start-portal.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const sampleConfigDir = path.join(repoRoot, "deploy", "config");

const temps: string[] = [];
const running: RunningPortal[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((portal) => portal.close()));
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-start-"));
  temps.push(dir);
  return dir;
}

/** A configuration directory with several problems in more than one file. */
function brokenConfigDir(): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, "portal.yaml"), "title: 5\ncompany: Acme\nunknownSetting: true\n");
  writeFileSync(path.join(dir, "plans.yaml"), "plans: [unclosed\n");
  return dir;
}

async function start(env: Record<string, string>, cwd = repoRoot) {
  const { logger, lines } = createCapturedLogger("info");
  const portal = await startPortal({ env: { HOST: "127.0.0.1", PORT: "0", ...env }, cwd, logger });
  running.push(portal);
  return { portal, lines };
}

async function bootError(promise: Promise<unknown>): Promise<BootError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(BootError);
  return error as BootError;
}

describe("startPortal refuses to start, writing nothing", () => {
  it("on an invalid environment", async () => {
    const dataDir = path.join(tempDir(), "data");
    const error = await bootError(start({ PORT: "http", LOG_LEVEL: "loud", PORTAL_DATA_DIR: dataDir }));
    expect(error.step).toBe("runtime configuration");
    expect(error.cause).toBeInstanceOf(RuntimeConfigError);
    expect(error.message).toContain("PORT=");
    expect(error.message).toContain("LOG_LEVEL=");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("on a static configuration with problems, listing all of them and creating no database", async () => {
    const dataDir = path.join(tempDir(), "data");
    const error = await bootError(start({ PORTAL_CONFIG_DIR: brokenConfigDir(), PORTAL_DATA_DIR: dataDir }));
    expect(error.step).toBe("static configuration");
    const cause = error.cause as StaticConfigError;
    expect(cause).toBeInstanceOf(StaticConfigError);
    expect(cause.problems.length).toBeGreaterThan(3);
    expect(cause.problems.some((p) => p.file === "portal.yaml")).toBe(true);
    expect(cause.problems.some((p) => p.file === "plans.yaml")).toBe(true);
    for (const problem of cause.problems) expect(error.message).toContain(formatProblem(problem));
    expect(existsSync(dataDir)).toBe(false);
  });

  it("on a missing static configuration directory", async () => {
    const root = tempDir();
    const error = await bootError(
      start({ PORTAL_CONFIG_DIR: path.join(root, "nope"), PORTAL_DATA_DIR: path.join(root, "data") }),
    );
    expect(error.step).toBe("static configuration");
    expect(error.message).toContain(path.join(root, "nope"));
    expect(readdirSync(root)).toEqual([]);
  });
});

// Uses the sample configuration in deploy/config (never skipped: a missing sample configuration fails).
describe("startPortal with the sample configuration and SQLite", () => {
  it("boots, serves /healthz, /readyz and /metrics, and closes", async () => {
    const dataDir = path.join(tempDir(), "data");
    const { portal, lines } = await start({ PORTAL_DATA_DIR: dataDir, PORTAL_CONFIG_DIR: sampleConfigDir });
    expect(portal.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portal.configHash).toMatch(/\S{8,}/);
    expect(existsSync(path.join(dataDir, "portal.sqlite"))).toBe(true);
    expect(existsSync(path.join(dataDir, "portal.sqlite-wal"))).toBe(true);

    const health = await fetch(`${portal.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });

    const ready = await fetch(`${portal.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, config: { ok: true, hash: portal.configHash } },
    });

    const metrics = await (await fetch(`${portal.url}/metrics`)).text();
    expect(metrics).toContain(
      'http_request_duration_seconds_count{method="GET",route="/readyz",status_code="200"} 1',
    );

    const listening = lines.find((l) => l.msg === "API portal listening");
    expect(listening).toMatchObject({ url: portal.url, configHash: portal.configHash, database: "sqlite" });
    expect(
      lines.some((l) => l.msg === "static configuration loaded" && l.configHash === portal.configHash),
    ).toBe(true);

    await portal.close();
    await expect(fetch(`${portal.url}/healthz`)).rejects.toThrow();
    expect(lines.some((l) => l.msg === "API portal stopped")).toBe(true);
    // SQLite removes the write-ahead log when the last connection closes cleanly: the database was closed.
    expect(existsSync(path.join(dataDir, "portal.sqlite-wal"))).toBe(false);
  });

  it("refuses a database migrated by a newer portal", async () => {
    const dataDir = path.join(tempDir(), "data");
    mkdirSync(dataDir);
    const db = new Database(path.join(dataDir, "portal.sqlite"));
    db.exec("create table schema_migrations (name text primary key, applied_at text not null)");
    db.prepare("insert into schema_migrations values (?, ?)").run(
      "9999_from_the_future",
      new Date().toISOString(),
    );
    db.close();
    const error = await bootError(start({ PORTAL_DATA_DIR: dataDir, PORTAL_CONFIG_DIR: sampleConfigDir }));
    expect(error.step).toBe("database migration");
    expect(error.message).toContain("newer than this portal");
  });

  it("reports a port that is already taken and releases the database", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const dataDir = path.join(tempDir(), "data");
      const error = await bootError(
        start({ PORT: String(port), PORTAL_DATA_DIR: dataDir, PORTAL_CONFIG_DIR: sampleConfigDir }),
      );
      expect(error.step).toBe("http listener");
      expect(error.message).toContain(`127.0.0.1:${port}`);
      expect(error.message).toContain("EADDRINUSE");
    } finally {
      blocker.close();
    }
  });
});
