import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "kysely";
import type { DatabaseHandle } from "../../server/src/database/database.types.js";
import { migrateToLatest } from "../../server/src/database/migrator.js";
import { openPostgres } from "../../server/src/database/postgres.database.js";
import { openSqlite } from "../../server/src/database/sqlite.database.js";
import { createLogger } from "../../server/src/observability/logger.js";
import { createTestPostgresDatabase } from "../../server/src/testing/postgres.js";

export type BenchBackend = "sqlite" | "postgres";

/** A throw-away database for one benchmark run, with the portal's schema. */
export interface BenchDatabase {
  readonly backend: BenchBackend;
  /** What to pass to the portal as `DATABASE_URL`. */
  readonly databaseUrl: string;
  /** A new connection to it (close it before dropping). */
  open(): Promise<DatabaseHandle>;
  /** Removes the SQLite file or drops the PostgreSQL database. */
  drop(): Promise<void>;
}

const logger = createLogger({ level: "warn" });

/**
 * Creates an empty, migrated database: an SQLite file in a temporary directory, or a fresh PostgreSQL database on
 * the `TEST_DATABASE_URL` server (as the tests do, see `server/src/testing/postgres.ts`).
 */
export async function createBenchDatabase(backend: BenchBackend): Promise<BenchDatabase> {
  const database = backend === "sqlite" ? sqliteBenchDatabase() : await postgresBenchDatabase();
  try {
    const handle = await database.open();
    try {
      await migrateToLatest(handle, logger);
    } finally {
      await handle.close();
    }
    return database;
  } catch (error) {
    await database.drop();
    throw error;
  }
}

function sqliteBenchDatabase(): BenchDatabase {
  const dir = mkdtempSync(path.join(tmpdir(), "portal-bench-db-"));
  const file = path.join(dir, "portal.sqlite");
  return {
    backend: "sqlite",
    databaseUrl: `sqlite:${file}`,
    open: () => Promise.resolve(openSqlite(file, logger)),
    drop: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

async function postgresBenchDatabase(): Promise<BenchDatabase> {
  const created = await createTestPostgresDatabase();
  return {
    backend: "postgres",
    databaseUrl: created.url,
    open: () => openPostgres({ url: created.url, poolMax: 4, connectTimeoutMs: 5_000 }, logger),
    drop: () => created.drop(),
  };
}

/**
 * After a bulk load: PostgreSQL's autovacuum would soon analyze the new rows; run it now so the planner sees the
 * seeded sizes. SQLite is left as the portal leaves it (no `ANALYZE`).
 */
export async function refreshPlannerStatistics(handle: DatabaseHandle): Promise<void> {
  if (handle.dialect === "postgres") await sql`analyze`.execute(handle.db);
}
