import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createTestPostgresDatabase,
  postgresAvailability,
  type TestPostgresDatabase,
} from "../testing/postgres.js";
import { testLogger } from "../testing/test-logger.js";
import type { DatabaseHandle } from "./database.types.js";
import { NamedStatements } from "./postgres-named-statements.js";
import { openPostgres } from "./postgres.database.js";

describe("NamedStatements", () => {
  it("names each query or write once, and leaves DDL and transaction control unnamed", () => {
    const statements = new NamedStatements();
    const select = statements.nameOf('select * from "users" where "id" = $1');
    expect(select).toMatch(/^portal_\d+$/);
    expect(statements.nameOf('select * from "users" where "id" = $1')).toBe(select);
    expect(statements.nameOf('insert into "users" ("id") values ($1)')).not.toBe(select);
    expect(statements.nameOf("  WITH x as (select 1) select * from x")).toBeDefined();
    for (const unnamed of [
      "begin",
      "commit",
      "rollback",
      'alter table "users" add column "x" text',
      "vacuum",
    ]) {
      expect(statements.nameOf(unnamed)).toBeUndefined();
    }
  });

  it("stops naming new texts after 2,000 of them, so lists of many lengths cannot grow it forever", () => {
    const statements = new NamedStatements();
    for (let i = 0; i < 2_000; i++) expect(statements.nameOf(`select ${i}`)).toBeDefined();
    expect(statements.nameOf("select 'one more'")).toBeUndefined();
    expect(statements.nameOf("select 0")).toBeDefined();
  });
});

describe("PostgreSQL statements", async () => {
  const postgres = await postgresAvailability();
  describe.skipIf(!postgres.available)("on one connection", () => {
    let database: TestPostgresDatabase;
    let handle: DatabaseHandle;

    beforeEach(async () => {
      database = await createTestPostgresDatabase();
      handle = await openPostgres({ url: database.url, poolMax: 1, connectTimeoutMs: 5_000 }, testLogger());
      await sql`create table notes (id int primary key, body text)`.execute(handle.db);
      await sql`insert into notes values (1, 'one')`.execute(handle.db);
    });
    afterEach(async () => {
      await handle.close();
      await database.drop();
    });

    const selectNote = () =>
      handle.db
        .selectFrom("notes" as never)
        .selectAll()
        .where("id" as never, "=", 1 as never);

    it("are prepared once per connection and reused", async () => {
      await selectNote().execute();
      await selectNote().execute();
      const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(
        handle.db,
      );
      expect(prepared.rows.map((row) => row.statement)).toContain(selectNote().compile().sql);
    });

    it("keep working after a migration changes a table they were prepared on", async () => {
      await selectNote().execute();
      await sql`alter table notes add column tags text default 'new'`.execute(handle.db);
      expect(await selectNote().execute()).toEqual([{ id: 1, body: "one", tags: "new" }]);
      expect(await selectNote().execute()).toEqual([{ id: 1, body: "one", tags: "new" }]);
    });

    it("fail a transaction that meets a stale statement once, then work on a fresh connection", async () => {
      await selectNote().execute();
      await sql`alter table notes add column tags text default 'new'`.execute(handle.db);
      const inTransaction = handle.db.transaction().execute((trx) =>
        trx
          .selectFrom("notes" as never)
          .selectAll()
          .where("id" as never, "=", 1 as never)
          .execute(),
      );
      await expect(inTransaction).rejects.toThrow(/cached plan must not change result type/);
      const again = await handle.db.transaction().execute((trx) =>
        trx
          .selectFrom("notes" as never)
          .selectAll()
          .where("id" as never, "=", 1 as never)
          .execute(),
      );
      expect(again).toEqual([{ id: 1, body: "one", tags: "new" }]);
    });
  });
});
