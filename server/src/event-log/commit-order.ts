import { CompiledQuery, PostgresAdapter, type Kysely } from "kysely";
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
 * already moved past 11 would never see 10. A transaction-scoped advisory lock taken right before the appends and
 * held until commit serializes appending transactions. The PostgreSQL connection defers a transaction's appends to
 * its commit (`database/outbox-commit-dialect.ts`) and runs this statement just before them, so the lock is held
 * for one insert and the commit only. SQLite has a single writer, so nothing is needed there.
 *
 * The same statement queues a NOTIFY, which PostgreSQL delivers only when (and if) the transaction commits: every
 * replica LISTENing (`postgres-log-listener.ts`) then reads the log at once instead of at its next poll.
 * PostgreSQL serializes committing transactions that issued a NOTIFY; appending transactions are serialized by the
 * lock already, so the notification adds no waiting of its own.
 */
export const orderLogAppendsStatement = CompiledQuery.raw(
  `select pg_advisory_xact_lock(${POSTGRES_LOG_APPEND_LOCK_KEY}), pg_notify('${LOG_APPENDS_CHANNEL}', '')`,
);
