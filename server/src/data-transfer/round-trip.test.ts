import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../database/database.js";
import type { DatabaseHandle, Dialect } from "../database/database.types.js";
import { knownMigrations, migrateToLatest } from "../database/migrator.js";
import { exportToText } from "../testing/dump-text.js";
import { postgresAvailability } from "../testing/postgres.js";
import { seedDatabase, seedRows } from "../testing/seed.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { testLogger } from "../testing/test-logger.js";
import { exportedTables } from "./exported-tables.js";
import { importDump } from "./import-dump.js";

const postgres = await postgresAvailability();
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function freshHandle(kind: Dialect): Promise<DatabaseHandle> {
  // en-US sorts "a" before "B": exports must not depend on the database collation.
  const database: TestDatabase = await createTestDatabase(kind, { icuLocale: "en-US" });
  cleanup.push(database.drop);
  const handle = await openDatabase(database.config, testLogger());
  cleanup.push(handle.close);
  return handle;
}

async function importText(handle: DatabaseHandle, text: string): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-dump-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, "portal.dump");
  await writeFile(file, text);
  await importDump(handle, file, { replace: false }, testLogger());
}

describe("export", () => {
  it("writes header, rows of every table in primary-key byte order, and trailer; twice the same bytes", async () => {
    const handle = await freshHandle("sqlite");
    await migrateToLatest(handle, testLogger());
    await seedDatabase(handle.db);
    const text = await exportToText(handle);
    expect(await exportToText(handle)).toBe(text);

    const lines = text.trimEnd().split("\n");
    expect(JSON.parse(lines[0] ?? "")).toEqual({
      format: "api-portal-dump",
      formatVersion: 1,
      migrations: knownMigrations(),
    });
    const rows = lines
      .slice(1, -1)
      .map((l) => JSON.parse(l) as { table: string; row: Record<string, unknown> });
    expect([...new Set(rows.map((r) => r.table))]).toEqual(exportedTables.map((e) => e.table));
    expect(rows.filter((r) => r.table === "users").map((r) => r.row.id)).toEqual([
      "usr_B0b",
      "usr_Zoë",
      "usr_a1ice",
    ]);
    expect(Object.keys(rows[1]?.row ?? {})).toEqual(Object.keys(rows[1]?.row ?? {}).sort());
    const trailer = JSON.parse(lines.at(-1) ?? "") as { checksum: string; counts: Record<string, number> };
    expect(trailer.checksum).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(trailer.counts).toEqual(
      Object.fromEntries(exportedTables.map((e) => [e.table, seedRows[e.table].length])),
    );
    expect(rows.find((r) => r.table === "outbox_events")?.row).toMatchObject({
      sequence: 1,
      schema_version: 1,
    });
  });
});

describe.skipIf(!postgres.available)("export/import round trip", () => {
  it("SQLite → PostgreSQL → SQLite gives byte-identical exports", async () => {
    const source = await freshHandle("sqlite");
    await migrateToLatest(source, testLogger());
    await seedDatabase(source.db);
    const fromSqlite = await exportToText(source);

    const middle = await freshHandle("postgres");
    await importText(middle, fromSqlite);
    const fromPostgres = await exportToText(middle);
    expect(fromPostgres).toBe(fromSqlite);

    const target = await freshHandle("sqlite");
    await importText(target, fromPostgres);
    expect(await exportToText(target)).toBe(fromSqlite);
  });

  it("PostgreSQL seeded directly exports the same bytes as SQLite seeded directly", async () => {
    const sqlite = await freshHandle("sqlite");
    const pg = await freshHandle("postgres");
    for (const handle of [sqlite, pg]) {
      await migrateToLatest(handle, testLogger());
      await seedDatabase(handle.db);
    }
    expect(await exportToText(pg)).toBe(await exportToText(sqlite));
  });
});
