import type { Database } from "better-sqlite3";
import type { SqliteDatabase } from "kysely";

/** Runs a read statement at once, or answers `undefined` when it must go through Kysely's connection instead. */
export type DirectRead = (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;

const directReadsPerAdapter = new WeakMap<object, DirectRead>();

/**
 * Lets prepared queries read an SQLite database without Kysely's connection handling. Kysely serializes every
 * statement through a mutex over the one connection (a few promise hops per statement, a tenth of the work of an
 * authenticated request). A read that runs synchronously cannot interleave with anything else; the one thing it
 * must not do is read inside another request's open transaction on the shared connection (it would see
 * uncommitted rows), so while a transaction is open it answers `undefined` and the caller takes Kysely's path.
 */
export function registerDirectReads(adapter: object, connection: Database, statements: SqliteDatabase): void {
  directReadsPerAdapter.set(adapter, (sql, parameters) => {
    if (connection.inTransaction) return undefined;
    const statement = statements.prepare(sql);
    if (!statement.reader) return undefined;
    return statement.all(parameters);
  });
}

/** The direct reader of the SQLite database whose Kysely adapter this is, if any. */
export function directReadsOf(adapter: object): DirectRead | undefined {
  return directReadsPerAdapter.get(adapter);
}
