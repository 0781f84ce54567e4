import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuntimeConfig, RuntimeConfigError } from "./runtime-config.js";

const cwd = "/srv/portal";

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadRuntimeConfig(env, cwd);
  } catch (error) {
    if (error instanceof RuntimeConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe("loadRuntimeConfig", () => {
  it("uses the embedded defaults with an empty environment", () => {
    const config = loadRuntimeConfig({}, cwd);
    expect(config.database).toEqual({
      kind: "sqlite",
      file: "/srv/portal/data/portal.sqlite",
      connectTimeoutMs: 10000,
    });
    expect(config.configDir).toBe("/srv/portal/deploy/config");
    expect(config.http).toMatchObject({ host: "127.0.0.1", port: 3000, trustProxy: false });
  });

  it("selects PostgreSQL from DATABASE_URL and sqlite: paths relative to cwd", () => {
    expect(loadRuntimeConfig({ DATABASE_URL: "postgres://u@db:5432/portal" }, cwd).database).toMatchObject({
      kind: "postgres",
      url: "postgres://u@db:5432/portal",
      poolMax: 10,
    });
    expect(loadRuntimeConfig({ DATABASE_URL: "sqlite:var/p.db" }, cwd).database).toMatchObject({
      kind: "sqlite",
      file: "/srv/portal/var/p.db",
    });
  });

  it("reports every invalid variable at once, naming each", () => {
    const problems = problemsOf({
      PORT: "http",
      LOG_LEVEL: "loud",
      DATABASE_URL: "mysql://x",
      PORTAL_TRUST_PROXY: "yes",
    });
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/PORT="http"/);
    expect(problems.join("\n")).toMatch(/LOG_LEVEL="loud"/);
    expect(problems.join("\n")).toMatch(/DATABASE_URL=<secret>: must start with/);
    expect(problems.join("\n")).toMatch(/PORTAL_TRUST_PROXY="yes"/);
  });

  it("reads secrets from *_FILE and refuses both forms at once", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "runtime-config-"));
    const file = path.join(dir, "db-url");
    writeFileSync(file, "postgres://u:secret@db/portal\n");
    expect(loadRuntimeConfig({ DATABASE_URL_FILE: file }, cwd).database).toMatchObject({
      url: "postgres://u:secret@db/portal",
    });
    expect(problemsOf({ DATABASE_URL_FILE: file, DATABASE_URL: "sqlite:x" })).toEqual([
      "DATABASE_URL and DATABASE_URL_FILE are both set; set only one of them",
    ]);
    expect(problemsOf({ DATABASE_URL_FILE: path.join(dir, "missing") })[0]).toMatch(
      /cannot read .*missing \(ENOENT\)/,
    );
  });
});
