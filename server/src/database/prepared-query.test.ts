import { sql, type Kysely, type KyselyPlugin } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../testing/test-database.js";
import { testLogger } from "../testing/test-logger.js";
import { openDatabase } from "./database.js";
import type { DatabaseHandle } from "./database.types.js";
import { preparedQuery } from "./prepared-query.js";
import { describeEachBackend } from "../testing/backends.js";

interface Notes {
  notes: { id: string; owner: string; kind: string; body: string };
}

const notesOf = preparedQuery((db: Kysely<Notes>, owner: string, kind: string) =>
  db
    .selectFrom("notes")
    .select(["id", "body"])
    .where("owner", "=", owner)
    .where("kind", "=", kind)
    .where("body", "<>", "hidden")
    .orderBy("id"),
);

async function notesDatabase(handle: DatabaseHandle): Promise<Kysely<Notes>> {
  const db = handle.db as unknown as Kysely<Notes>;
  await sql`create table notes (id text primary key, owner text not null, kind text not null, body text not null)`.execute(
    db,
  );
  await db
    .insertInto("notes")
    .values([
      { id: "1", owner: "ada", kind: "idea", body: "engines" },
      { id: "2", owner: "ada", kind: "todo", body: "letters" },
      { id: "3", owner: "bob", kind: "idea", body: "bridges" },
      { id: "4", owner: "ada", kind: "idea", body: "hidden" },
    ])
    .execute();
  return db;
}

/** Counts the queries it sees while they compile. */
function compileCounter(): { plugin: KyselyPlugin; count: () => number } {
  let count = 0;
  return {
    plugin: {
      transformQuery: ({ node }) => {
        count++;
        return node;
      },
      transformResult: ({ result }) => Promise.resolve(result),
    },
    count: () => count,
  };
}

describeEachBackend(
  "preparedQuery",
  (getHandle) => {
    it("runs with each call's values in place of the arguments, keeping the constants of the query", async () => {
      const db = await notesDatabase(getHandle());
      expect(await notesOf(db, "ada", "idea")).toEqual([{ id: "1", body: "engines" }]);
      expect(await notesOf(db, "ada", "todo")).toEqual([{ id: "2", body: "letters" }]);
      expect(await notesOf(db, "bob", "idea")).toEqual([{ id: "3", body: "bridges" }]);
      expect(await notesOf(db, "carl", "idea")).toEqual([]);
    });

    it("takes lists for `in`, compiling once per list length, and builds long lists per call", async () => {
      const db = await notesDatabase(getHandle());
      const ofOwners = preparedQuery((database: Kysely<Notes>, owners: readonly string[], kind: string) =>
        database
          .selectFrom("notes")
          .select("id")
          .where("owner", "in", owners)
          .where("kind", "=", kind)
          .orderBy("id"),
      );
      expect(await ofOwners(db, ["ada"], "idea")).toEqual([{ id: "1" }, { id: "4" }]);
      expect(await ofOwners(db, ["bob"], "idea")).toEqual([{ id: "3" }]);
      expect(await ofOwners(db, ["ada", "bob"], "idea")).toEqual([{ id: "1" }, { id: "3" }, { id: "4" }]);
      expect(await ofOwners(db, ["carl", "ada"], "todo")).toEqual([{ id: "2" }]);
      const many = Array.from({ length: 100 }, (_, index) => `owner-${index}`);
      expect(await ofOwners(db, [...many, "bob"], "idea")).toEqual([{ id: "3" }]);
    });

    it("runs inside a transaction on the transaction's connection", async () => {
      const db = await notesDatabase(getHandle());
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("notes")
          .values({ id: "5", owner: "carl", kind: "idea", body: "gears" })
          .execute();
        expect(await notesOf(trx, "carl", "idea")).toEqual([{ id: "5", body: "gears" }]);
      });
    });

    it("builds the query anew on a database with plugins, so they see every statement", async () => {
      const db = await notesDatabase(getHandle());
      const counter = compileCounter();
      const counted = db.withPlugin(counter.plugin);
      await notesOf(counted, "ada", "idea");
      expect(await notesOf(counted, "bob", "idea")).toEqual([{ id: "3", body: "bridges" }]);
      expect(counter.count()).toBe(2);
    });

    it("refuses a query that puts an argument into the SQL text or leaves one out", async () => {
      const db = await notesDatabase(getHandle());
      const inText = preparedQuery((database: Kysely<Notes>, column: string) =>
        database.selectFrom("notes").select(sql.ref(column).as("value")),
      );
      await expect(inText(db, "body")).rejects.toThrow(/argument is used in the SQL text/);
      const unused = preparedQuery((database: Kysely<Notes>, _owner: string) =>
        database.selectFrom("notes").select("id"),
      );
      await expect(unused(db, "ada")).rejects.toThrow(/argument 0 is not a parameter/);
    });
  },
  { migrate: false },
);

describe("prepared queries on SQLite outside transactions", () => {
  let database: TestDatabase | undefined;
  let handle: DatabaseHandle | undefined;
  beforeEach(async () => {
    database = await createTestDatabase("sqlite");
    handle = await openDatabase(database.config, testLogger());
  });
  afterEach(async () => {
    await handle?.close();
    await database?.drop();
  });
  const getHandle = () => {
    if (!handle) throw new Error("no database outside a test");
    return handle;
  };

  it("read the connection directly, without Kysely's executor", async () => {
    const db = await notesDatabase(getHandle());
    const executeQuery = vi.spyOn(db, "executeQuery");
    expect(await notesOf(db, "ada", "idea")).toEqual([{ id: "1", body: "engines" }]);
    expect(executeQuery).not.toHaveBeenCalled();
  });

  it("wait for an open transaction and never see its uncommitted rows", async () => {
    const db = await notesDatabase(getHandle());
    let commit = () => {};
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    let inserted = () => {};
    const insertedInTransaction = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = db.transaction().execute(async (trx) => {
      await trx.insertInto("notes").values({ id: "5", owner: "ada", kind: "idea", body: "looms" }).execute();
      inserted();
      await mayCommit;
    });
    await insertedInTransaction;
    const executeQuery = vi.spyOn(db, "executeQuery");
    let read: { id: string }[] | undefined;
    const reading = notesOf(db, "ada", "idea").then((rows) => (read = rows));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBeUndefined(); // queued behind the transaction, as Kysely queues it
    expect(executeQuery).toHaveBeenCalledTimes(1);
    commit();
    await transaction;
    await reading;
    expect(read?.map((row) => row.id)).toEqual(["1", "5"]);
  });
});
