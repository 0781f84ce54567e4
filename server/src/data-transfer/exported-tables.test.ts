import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../database/database.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { migrateToLatest } from "../database/migrator.js";
import { describeEachBackend } from "../testing/backends.js";
import { seedRows } from "../testing/seed.js";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { testLogger } from "../testing/test-logger.js";
import { exportedTables, internalTables } from "./exported-tables.js";

describeEachBackend("exported table registry", (getHandle) => {
  it("covers every table of the migrated schema: each is exported or explicitly internal", async () => {
    const tables = (await getHandle().db.introspection.getTables()).map((t) => t.name);
    const registered = new Set<string>([...exportedTables.map((e) => e.table), ...internalTables]);
    const forgotten = tables.filter((name) => !registered.has(name));
    expect(forgotten, "add these tables to exportedTables or internalTables").toEqual([]);
    const missing = exportedTables.map((e) => e.table).filter((name) => !tables.includes(name));
    expect(missing, "exported tables that do not exist").toEqual([]);
  });
});

describe("exported table registry (schema details, SQLite)", () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  beforeAll(async () => {
    database = await createTestDatabase("sqlite");
    handle = await openDatabase(database.config, testLogger());
    await migrateToLatest(handle, testLogger());
  });
  afterAll(async () => {
    await handle.close();
    await database.drop();
  });

  it("orders each table by exactly its primary key", async () => {
    for (const entry of exportedTables) {
      const { rows } = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${entry.table}) where pk > 0 order by pk`.execute(handle.db);
      expect(
        rows.map((r) => r.name),
        entry.table,
      ).toEqual(entry.orderBy);
    }
  });

  it("lists every table after the tables it references (foreign-key-safe order)", async () => {
    const order = exportedTables.map((e) => e.table as string);
    for (const [index, entry] of exportedTables.entries()) {
      const { rows } = await sql<{ table: string }>`
        select "table" from pragma_foreign_key_list(${entry.table})`.execute(handle.db);
      for (const { table: parent } of rows) {
        expect(order.indexOf(parent), `${entry.table} references ${parent}`).toBeGreaterThanOrEqual(0);
        expect(order.indexOf(parent), `${entry.table} references ${parent}`).toBeLessThan(index);
      }
    }
  });

  it("has seed rows for every exported table", () => {
    const unseeded = exportedTables.filter((e) => (seedRows[e.table] ?? []).length === 0).map((e) => e.table);
    expect(unseeded, "add rows to server/src/testing/seed.ts").toEqual([]);
  });
});
