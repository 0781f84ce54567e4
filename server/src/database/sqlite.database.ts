import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { Kysely, SqliteDialect, sql } from "kysely";
import type { Logger } from "pino";
import { createOutboxCommitSignal } from "../events/outbox-commits.js";
import type { DatabaseHandle } from "./database.types.js";
import { watchOutboxCommits } from "./outbox-commit-dialect.js";
import { registerDirectReads } from "./direct-sqlite-reads.js";
import { startBackgroundCheckpoints, type Checkpointer } from "./sqlite-checkpointer.js";
import { withStatementCache } from "./sqlite-statement-cache.js";
import type { Tables } from "./tables.js";

/** How long a writer waits for another process's write lock before SQLITE_BUSY. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** Opens (and creates) an SQLite file with the pragmas the portal relies on. */
export function openSqlite(file: string, logger: Logger): DatabaseHandle {
  mkdirSync(path.dirname(file), { recursive: true });
  const connection = new Database(file);
  let checkpointer: Checkpointer | undefined;
  try {
    const journalMode: unknown = connection.pragma("journal_mode = WAL", { simple: true });
    connection.pragma("foreign_keys = ON");
    connection.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    connection.pragma("synchronous = NORMAL");
    // An in-memory database has no WAL to checkpoint.
    if (journalMode === "wal") checkpointer = startBackgroundCheckpoints(connection, file, logger);
  } catch (error) {
    connection.close();
    throw new Error(`cannot open SQLite database ${file}: ${(error as Error).message}`, { cause: error });
  }
  const outboxCommits = createOutboxCommitSignal();
  const statements = withStatementCache(connection);
  const db = new Kysely<Tables>({
    dialect: watchOutboxCommits(new SqliteDialect({ database: statements }), outboxCommits.notify),
  });
  registerDirectReads(db.getExecutor().adapter, connection, statements);
  logger.info({ database: "sqlite", file }, "database opened");
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: "sqlite",
    outboxCommits: { subscribe: outboxCommits.subscribe },
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= (async () => {
        await checkpointer?.close();
        await db.destroy();
      })();
      return closing;
    },
  };
}
