import { PostgresAdapter, sql, type Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { LOG_APPENDS_CHANNEL } from "./postgres-log-listener.js";

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
 *
 * PostgreSQL serializes committing transactions that issued a NOTIFY; appending transactions are serialized by the
 * lock already, so the notification adds no waiting of its own.
 */
export async function serializeLogAppends(trx: Kysely<Tables>): Promise<void> {
  if (!isPostgres(trx)) return;
  // The same statement queues a NOTIFY, which PostgreSQL delivers only when (and if) the transaction commits:
  // every replica LISTENing (`postgres-log-listener.ts`) then reads the log at once instead of at its next poll.
  await sql`select pg_advisory_xact_lock(${sql.lit(POSTGRES_LOG_APPEND_LOCK_KEY)}), pg_notify(${sql.lit(LOG_APPENDS_CHANNEL)}, '')`.execute(
    trx,
  );
}
