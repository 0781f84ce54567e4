import { sql, type Kysely } from "kysely";
import type { DatabaseHandle } from "./database.types.js";
import type { Tables } from "./tables.js";

/** Arbitrary constant shared by every portal process: the advisory lock that serializes schema changes. */
const POSTGRES_SCHEMA_LOCK_KEY = 7_304_916_118;

/**
 * Runs `work` in ONE transaction that holds the database-wide schema lock, so two processes (two replicas, or
 * `portal migrate` next to a running server) never change the schema or bulk-load at the same time.
 * PostgreSQL: `pg_advisory_xact_lock`, released at commit/rollback. SQLite: `BEGIN IMMEDIATE` on the single
 * connection; a second process waits up to `busy_timeout`. Any error rolls everything back.
 */
export async function withSchemaLock<T>(
  handle: DatabaseHandle,
  work: (db: Kysely<Tables>) => Promise<T>,
): Promise<T> {
  if (handle.dialect === "postgres") {
    return handle.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(POSTGRES_SCHEMA_LOCK_KEY)})`.execute(trx);
      return work(trx);
    });
  }
  return handle.db.connection().execute(async (connection) => {
    await sql`begin immediate`.execute(connection);
    let result: T;
    try {
      result = await work(connection);
    } catch (error) {
      await sql`rollback`.execute(connection).catch(() => undefined);
      throw error;
    }
    await sql`commit`.execute(connection);
    return result;
  });
}
