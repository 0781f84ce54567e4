import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { DatabaseHandle, Dialect } from "./database.types.js";
import { migrations } from "./migrations/index.js";
import type { Migration } from "./migrations/migration.types.js";
import { withSchemaLock } from "./schema-lock.js";
import type { Tables } from "./tables.js";

export const MIGRATIONS_TABLE = "schema_migrations";

/** The database was migrated by a newer portal, or its history does not fit this portal's list. */
export class SchemaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SchemaMismatchError";
  }
}

/** Names of every migration this portal knows, oldest first. */
export function knownMigrations(): string[] {
  return migrations.map((m) => m.name);
}

/**
 * Applies every pending migration in ONE transaction under the schema lock and returns their names (empty when
 * the schema is up to date). Refuses, changing nothing, when the database knows migrations this code does not.
 */
export async function migrateToLatest(handle: DatabaseHandle, logger: Logger): Promise<string[]> {
  const applied = await withSchemaLock(handle, async (db) => {
    const done = await readAppliedMigrations(db, { create: true });
    return applyMigrations(db, handle.dialect, pendingMigrations(done), logger);
  });
  if (applied.length === 0)
    logger.info({ migrations: knownMigrations().length }, "database schema is up to date");
  else logger.info({ applied }, "database schema migrated");
  return applied;
}

/**
 * The applied migration names, in the order of {@link knownMigrations}. With `create`, makes the bookkeeping
 * table first (only inside the schema lock); without, a database without it has no migrations.
 */
export async function readAppliedMigrations(
  db: Kysely<Tables>,
  options: { create: boolean },
): Promise<string[]> {
  if (options.create) {
    await db.schema
      .createTable(MIGRATIONS_TABLE)
      .ifNotExists()
      .addColumn("name", "text", (c) => c.primaryKey())
      .addColumn("applied_at", "text", (c) => c.notNull())
      .execute();
  } else {
    const tables = await db.introspection.getTables();
    if (!tables.some((t) => t.name === MIGRATIONS_TABLE)) return [];
  }
  const rows = await db.selectFrom("schema_migrations").select("name").execute();
  const order = new Map(knownMigrations().map((name, index) => [name, index]));
  return rows.map((r) => r.name).sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity));
}

/**
 * What is left to apply given the applied names. Throws {@link SchemaMismatchError} when the database has a
 * migration this portal does not know, or when an applied migration skipped an earlier one.
 */
export function pendingMigrations(applied: readonly string[]): Migration[] {
  const known = knownMigrations();
  const unknown = applied.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new SchemaMismatchError(
      `database schema is newer than this portal (unknown migration ${unknown}); upgrade the portal`,
    );
  }
  const done = new Set(applied);
  const gap = known.findIndex((name) => !done.has(name));
  if (gap !== -1 && gap < applied.length) {
    throw new SchemaMismatchError(
      `database migration history does not match this portal: ${known[gap]} was never applied, ` +
        `but later migrations were (${known
          .slice(gap + 1)
          .filter((n) => done.has(n))
          .join(", ")})`,
    );
  }
  return migrations.slice(applied.length);
}

/** Runs the given migrations in order on `db`, which must already be inside {@link withSchemaLock}. */
export async function applyMigrations(
  db: Kysely<Tables>,
  dialect: Dialect,
  toApply: readonly Migration[],
  logger: Logger,
): Promise<string[]> {
  for (const migration of toApply) {
    logger.info({ migration: migration.name }, "applying migration");
    try {
      await migration.up(db, dialect);
    } catch (error) {
      throw new Error(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
    }
    await db
      .insertInto("schema_migrations")
      .values({ name: migration.name, applied_at: new Date().toISOString() })
      .execute();
  }
  return toApply.map((m) => m.name);
}
