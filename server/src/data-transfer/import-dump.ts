import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { DatabaseHandle } from "../database/database.types.js";
import {
  applyMigrations,
  knownMigrations,
  pendingMigrations,
  readAppliedMigrations,
} from "../database/migrator.js";
import { withSchemaLock } from "../database/schema-lock.js";
import type { Tables } from "../database/tables.js";
import { readDumpFile, verifyDumpFile } from "./dump-file.js";
import { DumpError, type DumpSummary } from "./dump-parser.js";
import { exportedTables } from "./exported-tables.js";
import { resetIdentity } from "./identity-reset.js";
import { RowInserter } from "./row-inserter.js";
import { deleteAllRows, tablesHoldingData } from "./table-contents.js";

export interface ImportOptions {
  /** Delete all existing data first; without it a database holding data is refused. */
  readonly replace: boolean;
}

export interface ImportResult {
  readonly counts: Readonly<Record<string, number>>;
  /** Migrations applied by the import: up to the dump's schema before loading, and the newer ones after. */
  readonly migrationsApplied: readonly string[];
}

/** The database is not in a state this dump can be imported into; nothing was changed. */
export class ImportRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ImportRefusedError";
  }
}

/**
 * Imports a dump file. Reads and verifies the whole dump (format, checksum, counts, migrations) before writing;
 * then, in ONE transaction under the schema lock: migrates the schema to the dump's level, deletes existing data
 * (only with `replace`), inserts every row, resets identity counters and applies the migrations newer than the
 * dump. Any error rolls everything back.
 */
export async function importDump(
  handle: DatabaseHandle,
  file: string,
  options: ImportOptions,
  logger: Logger,
): Promise<ImportResult> {
  const summary = await verifyDumpFile(file);
  const dumpLevel = checkDumpMigrations(summary);
  const result = await withSchemaLock(handle, async (db) => {
    const applied = await readAppliedMigrations(db, { create: true });
    const pending = pendingMigrations(applied);
    if (applied.length > dumpLevel) {
      throw new ImportRefusedError(
        `the database schema is ahead of the dump (the database has ${applied.length} migrations, the dump ` +
          `${dumpLevel}, up to ${summary.header.migrations.at(-1) ?? "none"}); import an older dump into a new, ` +
          "empty database: `portal import` creates the schema at the dump's level, loads it, then migrates",
      );
    }
    const holding = await tablesHoldingData(db);
    if (holding.length > 0 && !options.replace) {
      throw new ImportRefusedError(
        `the database already holds data (${holding.join(", ")}); use --replace to delete it and load the dump`,
      );
    }
    if (holding.length > 0) await deleteAllRows(db);
    const before = await applyMigrations(
      db,
      handle.dialect,
      pending.slice(0, dumpLevel - applied.length),
      logger,
    );
    await loadRows(db, file, summary);
    for (const entry of exportedTables) {
      if ("identityColumn" in entry)
        await resetIdentity(db, handle.dialect, entry.table, entry.identityColumn);
    }
    const after = await applyMigrations(
      db,
      handle.dialect,
      pending.slice(dumpLevel - applied.length),
      logger,
    );
    return { counts: summary.counts, migrationsApplied: [...before, ...after] };
  });
  logger.info({ counts: result.counts, migrationsApplied: result.migrationsApplied }, "dump imported");
  return result;
}

/** The dump's migrations must be a prefix of this portal's list; returns how many it has. */
function checkDumpMigrations(summary: DumpSummary): number {
  const known = knownMigrations();
  const dumped = summary.header.migrations;
  const unknown = dumped.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new DumpError(
      `the dump comes from a newer portal schema (unknown migration ${unknown}); upgrade the portal before importing it`,
      1,
    );
  }
  const mismatch = dumped.findIndex((name, index) => known[index] !== name);
  if (mismatch !== -1) {
    throw new DumpError(
      `the dump's migration history does not match this portal (position ${mismatch + 1}: dump has ` +
        `${dumped[mismatch]}, portal expects ${known[mismatch]})`,
      1,
    );
  }
  if (dumped.length === 0) {
    throw new DumpError("the dump lists no migrations", 1);
  }
  return dumped.length;
}

/** Second pass over the file, inserting as it goes; the parser re-verifies, so a changed file rolls back. */
async function loadRows(db: Kysely<Tables>, file: string, expected: DumpSummary): Promise<void> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const inserter = new RowInserter(db);
  const summary = await readDumpFile(file, async (entry) => {
    if (entry.kind !== "row") return;
    if (!existing.has(entry.table)) {
      throw new DumpError(`table ${entry.table} does not exist in the dump's schema`, entry.line);
    }
    await inserter.add(entry.table, entry.row, entry.line);
  });
  await inserter.flush();
  if (summary.lines !== expected.lines)
    throw new DumpError("the dump file changed while it was being imported");
}
