import { CompiledQuery, InsertQueryNode, PostgresAdapter, type Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { LOG_APPENDS_CHANNEL } from "./postgres-log-listener.js";

/** Arbitrary constant shared by every portal process: the advisory lock that orders appends to the log. */
const POSTGRES_LOG_APPEND_LOCK_KEY = 7_304_916_119;

export function isPostgres(db: Kysely<Tables>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Outbox columns that are not text; the appended values arrive as text parameters and are cast to these. */
const NON_TEXT_COLUMNS: Readonly<Record<string, string>> = { schema_version: "integer" };

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * Makes commit order equal sequence order, which is what lets readers of the log (the `eventLog` subscription,
 * webhook positions and acknowledgements) treat "everything up to sequence N" as final once N is visible.
 *
 * Without it, on PostgreSQL a transaction that drew sequence 10 could commit after one that drew 11; a reader that
 * already moved past 11 would never see 10. A transaction-scoped advisory lock, taken before the sequences are
 * drawn and held until commit, serializes appending transactions. The PostgreSQL connection defers a
 * transaction's appends to its commit (`database/outbox-commit-dialect.ts`) and hands them here: one statement
 * takes the lock and inserts them all, so the lock is held for that statement and the commit only (no round trip
 * to the portal in between, whose event loop may be busy). The lock is taken in a materialized CTE that every
 * inserted row joins, so it is held before any row draws its sequence. SQLite has a single writer, so nothing is
 * needed there.
 *
 * The same statement queues a NOTIFY, which PostgreSQL delivers only when (and if) the transaction commits: every
 * replica LISTENing (`postgres-log-listener.ts`) then reads the log at once instead of at its next poll.
 * PostgreSQL serializes committing transactions that issued a NOTIFY; appending transactions are serialized by the
 * lock already, so the notification adds no waiting of its own.
 */
export function orderedLogAppend(appends: readonly CompiledQuery[]): CompiledQuery {
  const [first] = appends;
  if (!first || !InsertQueryNode.is(first.query) || !first.query.columns || !first.query.into) {
    throw new Error("ordered log appends must be inserts with named columns");
  }
  const table = first.query.into.table.identifier.name;
  const columns = first.query.columns.map((column) => column.column.name);
  const parameters: unknown[] = [];
  const rows = appends.map((append, index) => {
    if (append.sql !== first.sql || append.parameters.length !== columns.length) {
      throw new Error(`ordered log appends must share one shape: ${append.sql}`);
    }
    const placeholders = append.parameters.map((value) => `$${parameters.push(value)}`);
    // The position, so that sequences follow the order of the appends.
    return `(${placeholders.join(", ")}, ${index})`;
  });
  const names = columns.map(quoted).join(", ");
  const selected = columns
    .map(
      (column) =>
        `appended.${quoted(column)}${NON_TEXT_COLUMNS[column] ? `::${NON_TEXT_COLUMNS[column]}` : ""}`,
    )
    .join(", ");
  return CompiledQuery.raw(
    `with ordered as materialized (select pg_advisory_xact_lock(${POSTGRES_LOG_APPEND_LOCK_KEY}), ` +
      `pg_notify('${LOG_APPENDS_CHANNEL}', '')) ` +
      `insert into ${quoted(table)} (${names}) select ${selected} ` +
      `from ordered cross join (values ${rows.join(", ")}) as appended (${names}, position) ` +
      "order by appended.position",
    parameters,
  );
}
