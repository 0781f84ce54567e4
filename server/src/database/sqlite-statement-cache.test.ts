import Database from "better-sqlite3";
import { describe, expect, it, vi } from "vitest";
import { withStatementCache } from "./sqlite-statement-cache.js";

function connection() {
  const db = new Database(":memory:");
  db.exec("create table t (id integer primary key, v text); insert into t (v) values ('a'), ('b'), ('c')");
  return db;
}

describe("SQLite statement cache", () => {
  it("prepares each SQL text once and still returns fresh results", () => {
    const db = connection();
    const prepare = vi.spyOn(db, "prepare");
    const cached = withStatementCache(db);
    const select = "select v from t where id = ?";
    expect(cached.prepare(select).all([1])).toEqual([{ v: "a" }]);
    cached.prepare("update t set v = 'z' where id = 1").run([]);
    expect(cached.prepare(select).all([1])).toEqual([{ v: "z" }]);
    expect(prepare).toHaveBeenCalledTimes(2);
    cached.close();
  });

  it("gives a busy (still iterating) statement's SQL a fresh statement", () => {
    const db = connection();
    const cached = withStatementCache(db);
    const all = "select id from t order by id";
    const outer = cached.prepare(all).iterate([]);
    const seen: unknown[] = [];
    for (const row of outer) seen.push([row, cached.prepare(all).all([]).length]);
    expect(seen).toEqual([
      [{ id: 1 }, 3],
      [{ id: 2 }, 3],
      [{ id: 3 }, 3],
    ]);
    cached.close();
  });

  it("keeps at most `capacity` statements, evicting the least recently used", () => {
    const db = connection();
    const prepare = vi.spyOn(db, "prepare");
    const cached = withStatementCache(db, 2);
    cached.prepare("select 1").all([]);
    cached.prepare("select 2").all([]);
    cached.prepare("select 1").all([]);
    cached.prepare("select 3").all([]);
    cached.prepare("select 1").all([]);
    cached.prepare("select 2").all([]);
    expect(prepare.mock.calls.map(([sql]) => sql)).toEqual(["select 1", "select 2", "select 3", "select 2"]);
    cached.close();
  });
});
