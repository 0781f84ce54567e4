import { sql } from "kysely";
import { expect, it } from "vitest";
import { describeEachBackend, itOnlyOn } from "../testing/backends.js";
import { runTypeScriptProcess } from "../testing/child-process.js";
import { testLogger } from "../testing/test-logger.js";
import type { DatabaseHandle } from "./database.types.js";
import { applyMigrations, knownMigrations, migrateToLatest, readAppliedMigrations } from "./migrator.js";
import type { Migration } from "./migrations/migration.types.js";
import { withSchemaLock } from "./schema-lock.js";

async function tableNames(handle: DatabaseHandle): Promise<string[]> {
  return (await handle.db.introspection.getTables()).map((t) => t.name).sort();
}

async function appliedRows(handle: DatabaseHandle) {
  return handle.db.selectFrom("schema_migrations").select("name").orderBy("name").execute();
}

describeEachBackend(
  "migrator",
  (getHandle, backend) => {
    it("applies every known migration once and records it; a second run applies nothing", async () => {
      const handle = getHandle();
      expect(await migrateToLatest(handle, testLogger())).toEqual(knownMigrations());
      expect(await tableNames(handle)).toEqual(
        expect.arrayContaining([
          "installation",
          "users",
          "user_groups",
          "outbox_events",
          "schema_migrations",
        ]),
      );
      expect(await migrateToLatest(handle, testLogger())).toEqual([]);
      expect((await appliedRows(handle)).map((r) => r.name)).toEqual(knownMigrations());
    });

    it("refuses a database migrated by a newer portal and changes nothing", async () => {
      const handle = getHandle();
      await withSchemaLock(handle, async (db) => {
        await readAppliedMigrations(db, { create: true });
        await db
          .insertInto("schema_migrations")
          .values({ name: "9999-from-the-future", applied_at: "x" })
          .execute();
      });
      await expect(migrateToLatest(handle, testLogger())).rejects.toThrow(
        "database schema is newer than this portal (unknown migration 9999-from-the-future); upgrade the portal",
      );
      expect(await tableNames(handle)).toEqual(["schema_migrations"]);
      expect((await appliedRows(handle)).map((r) => r.name)).toEqual(["9999-from-the-future"]);
    });

    it("rolls the whole run back when a migration fails", async () => {
      const handle = getHandle();
      const failing: Migration[] = [
        {
          name: "0001-good",
          up: async (db) => {
            await db.schema.createTable("first_table").addColumn("id", "text").execute();
          },
        },
        {
          name: "0002-bad",
          up: async (db) => {
            await sql`insert into no_such_table values (1)`.execute(db);
          },
        },
      ];
      await expect(
        withSchemaLock(handle, async (db) => {
          await readAppliedMigrations(db, { create: true });
          return applyMigrations(db, handle.dialect, failing, testLogger());
        }),
      ).rejects.toThrow(/^migration 0002-bad failed: .*no_such_table/);
      expect(await tableNames(handle)).toEqual([]);
    });

    it("lets several processes migrate the same database at once; each migration is applied exactly once", async () => {
      const startAt = String(Date.now() + 2_500);
      const env = { DATABASE_URL: backend.database().url, START_AT: startAt };
      const results = await Promise.all(
        [1, 2, 3].map(() => runTypeScriptProcess("src/testing/migrate-process.ts", env)),
      );
      for (const result of results) expect(result, result.stderr).toMatchObject({ code: 0 });
      const applied = results.map((r) => JSON.parse(r.stdout) as string[]);
      expect(applied.flat().sort()).toEqual([...knownMigrations()].sort());
      expect(applied.filter((names) => names.length === 0)).toHaveLength(2);
      expect((await appliedRows(getHandle())).map((r) => r.name)).toEqual(knownMigrations());
    }, 60_000);

    // SQLite is excluded on purpose: better-sqlite3 waits for a lock synchronously, so a second handle in the
    // same process would block the event loop of the first. Two processes (above) is the SQLite case.
    itOnlyOn("postgres", backend)("serializes two pools racing on the advisory lock", async () => {
      const other = await backend.openAnother();
      const [first, second] = await Promise.all([
        migrateToLatest(getHandle(), testLogger()),
        migrateToLatest(other, testLogger()),
      ]);
      expect([...first, ...second]).toEqual(knownMigrations());
    });
  },
  { migrate: false },
);
