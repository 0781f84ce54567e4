import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Tables } from "../database/tables.js";

/** Arbitrary constant shared by every portal process: the advisory lock that orders appends to the log. */
const POSTGRES_LOG_APPEND_LOCK_KEY = 7_304_916_119;

export function isPostgres(db: Kysely<Tables>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Makes commit order equal sequence order, which is what lets readers of the log (the `eventLog` subscription,
 * webhook positions and acknowledgements) treat "everything up to sequence N" as final once N is visible.
 *
 * Without it, on PostgreSQL a transaction that drew sequence 10 could commit after one that drew 11; a reader that
 * already moved past 11 would never see 10. Holding a transaction-scoped advisory lock from the append until
 * commit serializes appending transactions (only from their first append on, usually their last statement).
 * SQLite has a single writer, so nothing is needed there. Call it inside the transaction, before the insert.
 */
export async function serializeLogAppends(trx: Kysely<Tables>): Promise<void> {
  if (!isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(${sql.lit(POSTGRES_LOG_APPEND_LOCK_KEY)})`.execute(trx);
}
