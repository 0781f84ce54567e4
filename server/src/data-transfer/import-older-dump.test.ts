import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { openDatabase } from "../database/database.js";
import {
  applyMigrations,
  knownMigrations,
  migrateToLatest,
  readAppliedMigrations,
} from "../database/migrator.js";
import { migrations } from "../database/migrations/index.js";
import { withSchemaLock } from "../database/schema-lock.js";
import { describeEachBackend } from "../testing/backends.js";
import { rewriteDump, seedDumpText } from "../testing/dump-text.js";
import { createTestDatabase } from "../testing/test-database.js";
import { testLogger } from "../testing/test-logger.js";
import { importDump } from "./import-dump.js";

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** Columns of every table after only the first migration, read from a scratch SQLite database. */
async function firstLevelColumns(): Promise<Map<string, Set<string>>> {
  const database = await createTestDatabase("sqlite");
  cleanup.push(database.drop);
  const handle = await openDatabase(database.config, testLogger());
  cleanup.push(handle.close);
  await withSchemaLock(handle, async (db) => {
    await readAppliedMigrations(db, { create: true });
    await applyMigrations(db, handle.dialect, migrations.slice(0, 1), testLogger());
  });
  const tables = await handle.db.introspection.getTables();
  return new Map(tables.map((t) => [t.name, new Set(t.columns.map((c) => c.name))]));
}

/** The seed dump as the first schema version would have written it. */
async function olderDump(): Promise<string> {
  const columns = await firstLevelColumns();
  return rewriteDump(await seedDumpText(), (lines) => [
    { ...lines[0], migrations: knownMigrations().slice(0, 1) },
    ...lines.slice(1).flatMap((line) => {
      const existing = columns.get(line.table as string);
      if (!existing) return [];
      const row = Object.entries(line.row as object).filter(([column]) => existing.has(column));
      return [{ table: line.table, row: Object.fromEntries(row) }];
    }),
  ]);
}

async function dumpFile(text: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "portal-dump-"));
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  const file = path.join(dir, "older.dump");
  await writeFile(file, text);
  return file;
}

// Meaningful only once a second migration exists: skipped while the schema has a single migration.
describeEachBackend(
  "importDump of a dump from an older schema",
  (getHandle) => {
    it.skipIf(knownMigrations().length < 2)(
      "loads it at its level, then applies the newer migrations",
      async () => {
        const handle = getHandle();
        const result = await importDump(
          handle,
          await dumpFile(await olderDump()),
          { replace: false },
          testLogger(),
        );
        expect(result.migrationsApplied).toEqual(knownMigrations());
        expect(await readAppliedMigrations(handle.db, { create: false })).toEqual(knownMigrations());
        const users = await handle.db.selectFrom("users").select("id").orderBy("id").execute();
        expect(users.map((u) => u.id)).toEqual(["usr_B0b", "usr_Zoë", "usr_a1ice"]);
      },
    );

    it.skipIf(knownMigrations().length < 2)("refuses a database already migrated past the dump", async () => {
      const handle = getHandle();
      await migrateToLatest(handle, testLogger());
      await handle.db
        .insertInto("installation")
        .values({ id: "inst_green", created_at: "2026-05-01T00:00:00.000Z", config_hash: null })
        .execute();
      await expect(
        importDump(handle, await dumpFile(await olderDump()), { replace: true }, testLogger()),
      ).rejects.toThrow(
        /^the database schema is ahead of the dump \(the database has \d+ migrations, the dump 1,/,
      );
      expect(await handle.db.selectFrom("installation").select("id").execute()).toEqual([
        { id: "inst_green" },
      ]);
    });
  },
  { migrate: false },
);
