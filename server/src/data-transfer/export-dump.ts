import { sql, type Kysely, type RawBuilder } from "kysely";
import type { DatabaseHandle, Dialect } from "../database/database.types.js";
import { knownMigrations, readAppliedMigrations, SchemaMismatchError } from "../database/migrator.js";
import type { Tables } from "../database/tables.js";
import { DumpChecksum, headerLine, rowLine, trailerLine } from "./dump-format.js";
import { exportedTables, type ExportedTable } from "./exported-tables.js";

const BATCH_ROWS = 1_000;
const POSTGRES_TEXT_TYPES = new Set(["text", "varchar", "bpchar", "character varying", "character"]);

export interface ExportResult {
  readonly checksum: string;
  readonly counts: Readonly<Record<string, number>>;
}

/**
 * Writes every exported table as a dump (see dump-format.ts) from one consistent snapshot: a read-only
 * repeatable-read transaction on PostgreSQL, a read transaction on SQLite. Changes nothing.
 */
export async function exportDump(
  handle: DatabaseHandle,
  write: (chunk: string) => void | Promise<void>,
): Promise<ExportResult> {
  const work = (db: Kysely<Tables>) => exportFrom(db, handle.dialect, write);
  if (handle.dialect === "postgres") {
    return handle.db
      .transaction()
      .setIsolationLevel("repeatable read")
      .setAccessMode("read only")
      .execute(work);
  }
  return handle.db.transaction().execute(work);
}

async function exportFrom(
  db: Kysely<Tables>,
  dialect: Dialect,
  write: (chunk: string) => void | Promise<void>,
): Promise<ExportResult> {
  const migrations = await readAppliedMigrations(db, { create: false });
  assertCurrentSchema(migrations);
  const checksum = new DumpChecksum();
  const emit = async (lines: string) => {
    checksum.add(lines);
    await write(lines);
  };
  await emit(headerLine(migrations));

  const textColumns = dialect === "postgres" ? await postgresTextColumns(db) : new Set<string>();
  const counts: Record<string, number> = {};
  for (const entry of exportedTables) {
    let count = 0;
    for await (const rows of readInKeyOrder(db, entry, textColumns)) {
      await emit(rows.map((row) => rowLine(entry.table, row)).join(""));
      count += rows.length;
    }
    counts[entry.table] = count;
  }
  const digest = checksum.digest();
  await write(trailerLine(digest, counts));
  return { checksum: digest, counts };
}

function assertCurrentSchema(applied: readonly string[]): void {
  const known = knownMigrations();
  const unknown = applied.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new SchemaMismatchError(
      `database schema is newer than this portal (unknown migration ${unknown}); export with the newer portal`,
    );
  }
  const pending = known.filter((name) => !applied.includes(name));
  if (pending.length > 0) {
    throw new SchemaMismatchError(
      `database is not at this portal's schema (pending migrations: ${pending.join(", ")}); ` +
        "run `portal migrate` first, or export with the portal version that runs this database",
    );
  }
}

/**
 * `table.column` of every text column. PostgreSQL sorts text by the database collation, SQLite by bytes; sorting
 * with `COLLATE "C"` (byte order of UTF-8) makes both export rows in the same order.
 */
async function postgresTextColumns(db: Kysely<Tables>): Promise<Set<string>> {
  const tables = await db.introspection.getTables();
  return new Set(
    tables.flatMap((t) =>
      t.columns.filter((c) => POSTGRES_TEXT_TYPES.has(c.dataType)).map((c) => `${t.name}.${c.name}`),
    ),
  );
}

/** Keyset pagination over the primary key, so memory stays flat for large tables. */
async function* readInKeyOrder(
  db: Kysely<Tables>,
  entry: ExportedTable,
  textColumns: ReadonlySet<string>,
): AsyncGenerator<Record<string, unknown>[]> {
  const key: RawBuilder<unknown>[] = entry.orderBy.map((column) =>
    textColumns.has(`${entry.table}.${column}`)
      ? sql`${sql.ref(column)} collate "C"`
      : sql`${sql.ref(column)}`,
  );
  const keyList = sql.join(key);
  let last: Record<string, unknown> | undefined;
  for (;;) {
    const after = last
      ? sql`where (${keyList}) > (${sql.join(entry.orderBy.map((column) => last?.[column]))})`
      : sql``;
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(entry.table)} ${after} order by ${keyList} limit ${BATCH_ROWS}`.execute(db);
    if (rows.length > 0) yield rows;
    if (rows.length < BATCH_ROWS) return;
    last = rows[rows.length - 1];
  }
}
