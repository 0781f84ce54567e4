import Database from "better-sqlite3";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { testLogger } from "../testing/test-logger.js";
import { startBackgroundCheckpoints, type Checkpointer } from "./sqlite-checkpointer.js";
import { openSqlite } from "./sqlite.database.js";

describe("background WAL checkpoints", () => {
  let dir: string;
  let file: string;
  let connection: Database.Database;
  let checkpointer: Checkpointer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "portal-checkpoint-"));
    file = path.join(dir, "portal.sqlite");
    connection = new Database(file);
    connection.pragma("journal_mode = WAL");
    connection.exec("create table notes (id integer primary key, body text not null)");
  });

  afterEach(async () => {
    await checkpointer?.close();
    checkpointer = undefined;
    connection.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function insertNotes(count: number): void {
    const insert = connection.prepare("insert into notes (body) values (?)");
    connection.transaction(() => {
      for (let i = 0; i < count; i++) insert.run(`note ${i}`);
    })();
  }

  /** Rows in the database file alone, as if the WAL had been lost: what checkpoints have copied so far. */
  function rowsInDatabaseFile(): number {
    const copy = path.join(dir, `copy-${Date.now()}.sqlite`);
    copyFileSync(file, copy);
    const reader = new Database(copy, { readonly: true });
    try {
      const table = reader.prepare("select count(*) from sqlite_master where name = 'notes'").pluck().get();
      return table ? (reader.prepare("select count(*) from notes").pluck().get() as number) : 0;
    } finally {
      reader.close();
    }
  }

  it("turns off checkpoints on commit and copies the WAL into the database file from a worker", async () => {
    checkpointer = startBackgroundCheckpoints(connection, file, testLogger(), {
      intervalMs: 10,
      firstCheckpointAfterChanges: 50,
    });
    expect(connection.pragma("wal_autocheckpoint", { simple: true })).toBe(0);
    insertNotes(200);
    await vi.waitFor(() => expect(checkpointer?.completed()).toBeGreaterThanOrEqual(1));
    expect(rowsInDatabaseFile()).toBe(200);

    insertNotes(5); // once the worker runs, any change is checkpointed at the next tick
    await vi.waitFor(() => expect(rowsInDatabaseFile()).toBe(205));
    expect(checkpointer.fellBack()).toBe(false);
  });

  it("starts no worker while fewer rows than the threshold changed", async () => {
    checkpointer = startBackgroundCheckpoints(connection, file, testLogger(), {
      intervalMs: 5,
      firstCheckpointAfterChanges: 1_000,
    });
    insertNotes(100);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(checkpointer.completed()).toBe(0);
    expect(rowsInDatabaseFile()).toBe(0);
  });

  it("goes back to SQLite's checkpoints on commit, with a warning, when the worker fails", async () => {
    const logger = testLogger();
    const warnings: unknown[] = [];
    logger.warn = (...args: unknown[]) => void warnings.push(args);
    checkpointer = startBackgroundCheckpoints(connection, file, logger, {
      intervalMs: 5,
      firstCheckpointAfterChanges: 1,
      driverModule: path.join(dir, "no-such-driver.js"),
    });
    insertNotes(10);
    await vi.waitFor(() => expect(checkpointer?.fellBack()).toBe(true));
    expect(connection.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    expect(JSON.stringify(warnings)).toContain("no-such-driver.js");
  });
});

describe("openSqlite with background checkpoints", () => {
  it("checkpoints from the worker, and closes the worker's connection before its own so the WAL is removed", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "portal-checkpoint-"));
    const file = path.join(dir, "portal.sqlite");
    try {
      const handle = openSqlite(file, testLogger());
      await handle.db.schema.createTable("notes").addColumn("body", "text").execute();
      for (let batch = 0; batch < 6; batch++) {
        await handle.db
          .insertInto("notes" as never)
          .values(Array.from({ length: 100 }, (_, i) => ({ body: `${batch}-${i}` })))
          .execute();
      }
      // The worker has checkpointed: the database file alone holds the rows while the portal's connection is open.
      await vi.waitFor(() => {
        copyFileSync(file, path.join(dir, "copy.sqlite"));
        const copy = new Database(path.join(dir, "copy.sqlite"), { readonly: true });
        try {
          expect(copy.prepare("select count(*) from notes").pluck().get()).toBe(600);
        } finally {
          copy.close();
        }
      });
      expect(existsSync(`${file}-wal`)).toBe(true);
      await handle.close();
      expect(existsSync(`${file}-wal`)).toBe(false);
      const reader = new Database(file, { readonly: true });
      expect(reader.prepare("select count(*) from notes").pluck().get()).toBe(600);
      reader.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
