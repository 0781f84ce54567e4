import { existsSync } from "node:fs";
import path from "node:path";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { describeEachBackend, itOnlyOn } from "../testing/backends.js";
import { createTestSqliteDatabase, type TestSqliteDatabase } from "../testing/sqlite.js";
import { testLogger } from "../testing/test-logger.js";
import { openDatabase } from "./database.js";

describe("openDatabase (SQLite)", () => {
  let sqlite: TestSqliteDatabase | undefined;
  afterEach(async () => sqlite?.drop());

  it("creates the parent directory and sets WAL, foreign keys, busy timeout and synchronous=NORMAL", async () => {
    sqlite = await createTestSqliteDatabase();
    expect(existsSync(path.dirname(sqlite.file))).toBe(false);
    const handle = await openDatabase(
      { kind: "sqlite", file: sqlite.file, connectTimeoutMs: 1000 },
      testLogger(),
    );
    try {
      expect(handle.dialect).toBe("sqlite");
      expect(existsSync(sqlite.file)).toBe(true);
      const pragma = async (name: string) =>
        (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(handle.db)).rows[0];
      expect(await pragma("journal_mode")).toEqual({ journal_mode: "wal" });
      expect(await pragma("foreign_keys")).toEqual({ foreign_keys: 1 });
      expect(await pragma("busy_timeout")).toEqual({ timeout: 10_000 });
      expect(await pragma("synchronous")).toEqual({ synchronous: 1 });
      await handle.ping();
    } finally {
      await handle.close();
      await handle.close();
    }
    await expect(handle.ping()).rejects.toThrow();
  });
});

describe("openDatabase (PostgreSQL unreachable)", () => {
  it("retries until the timeout, then names host:port/database but never the password", async () => {
    const started = Date.now();
    const error = await openDatabase(
      {
        kind: "postgres",
        url: "postgres://portal:s3cret-pw@127.0.0.1:1/portal_db",
        poolMax: 2,
        connectTimeoutMs: 700,
      },
      testLogger(),
    ).then(
      () => undefined,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toMatch(
      /^cannot connect to PostgreSQL at 127\.0\.0\.1:1\/portal_db: gave up after \d+ attempt/,
    );
    expect(error?.message).toContain("ECONNREFUSED");
    expect(error?.message).not.toContain("s3cret-pw");
    expect(Date.now() - started).toBeGreaterThanOrEqual(650);
  });
});

describeEachBackend(
  "database handle",
  (getHandle, backend) => {
    it("returns integers, int8 counts and small numerics as JS numbers", async () => {
      const { rows } = await sql<Record<string, unknown>>`
        select cast(7 as integer) as small, count(*) as counted, cast(9007199254740991 as bigint) as max_safe,
               cast(12.5 as numeric) as decimal_value`.execute(getHandle().db);
      expect(rows[0]).toEqual({ small: 7, counted: 1, max_safe: 9007199254740991, decimal_value: 12.5 });
    });

    itOnlyOn("postgres", backend)("keeps unsafe int8 and long numerics exact as text", async () => {
      const handle = getHandle();
      const { rows } = await sql<Record<string, unknown>>`
        select cast(9007199254740993 as bigint) as big, cast('0.1234567890123456789' as numeric) as long_decimal`.execute(
        handle.db,
      );
      expect(rows[0]).toEqual({ big: "9007199254740993", long_decimal: "0.1234567890123456789" });
    });

    it("pings and closes idempotently", async () => {
      const handle = getHandle();
      await handle.ping();
      await handle.close();
      await handle.close();
      await expect(handle.ping()).rejects.toThrow();
    });
  },
  { migrate: false },
);
