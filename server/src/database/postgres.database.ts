import { setTimeout as sleep } from "node:timers/promises";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import type { Logger } from "pino";
import { orderedLogAppend } from "../event-log/commit-order.js";
import { listenForLogAppends, type PostgresLogListener } from "../event-log/postgres-log-listener.js";
import { createOutboxCommitSignal } from "../events/outbox-commits.js";
import type { DatabaseHandle } from "./database.types.js";
import { watchOutboxCommits } from "./outbox-commit-dialect.js";
import { withNamedStatements } from "./postgres-named-statements.js";
import { portalTypeParsers } from "./postgres-type-parsers.js";
import type { Tables } from "./tables.js";

export interface PostgresOptions {
  readonly url: string;
  readonly poolMax: number;
  readonly connectTimeoutMs: number;
}

/** SQLSTATEs that waiting will not fix: bad password, no such role, no such database. */
const PERMANENT_FAILURES = new Set(["28P01", "28000", "3D000"]);

/** `host:port/database` of a connection URL, for messages; never includes the user's password. */
export function describePostgresTarget(url: string): string {
  try {
    const parsed = new URL(url);
    const host = parsed.hostname || parsed.searchParams.get("host") || "localhost";
    const database = decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "(default database)";
    return `${host}:${parsed.port || "5432"}/${database}`;
  } catch {
    return "(unparseable DATABASE_URL)";
  }
}

/**
 * Opens a pool and waits until the server answers, retrying with back-off until `connectTimeoutMs` has passed
 * (the database may start after the portal, e.g. in docker compose).
 */
export async function openPostgres(options: PostgresOptions, logger: Logger): Promise<DatabaseHandle> {
  const target = describePostgresTarget(options.url);
  const deadline = Date.now() + options.connectTimeoutMs;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolMax,
    connectionTimeoutMillis: options.connectTimeoutMs,
    types: portalTypeParsers,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", (error) =>
    logger.warn({ err: error, database: target }, "idle PostgreSQL connection failed"),
  );
  try {
    await waitUntilReachable(pool, target, deadline, logger);
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const outboxCommits = createOutboxCommitSignal();
  const db = new Kysely<Tables>({
    dialect: watchOutboxCommits(
      new PostgresDialect({ pool: withNamedStatements(pool) }),
      outboxCommits.notify,
      {
        orderedAppend: orderedLogAppend,
      },
    ),
  });
  logger.info({ database: "postgres", target, poolMax: options.poolMax }, "database opened");
  // Other replicas' commits arrive by LISTEN, on a connection of its own, held only while someone subscribes.
  let subscribers = 0;
  let listener: PostgresLogListener | undefined;
  let closing: Promise<void> | undefined;
  return {
    db,
    dialect: "postgres",
    outboxCommits: {
      subscribe(onCommit) {
        const unsubscribe = outboxCommits.subscribe(onCommit);
        subscribers += 1;
        if (!closing)
          listener ??= listenForLogAppends({ url: options.url, logger, onAppend: outboxCommits.notify });
        let subscribed = true;
        return () => {
          if (!subscribed) return;
          subscribed = false;
          unsubscribe();
          subscribers -= 1;
          if (subscribers === 0) {
            void listener?.stop();
            listener = undefined;
          }
        };
      },
    },
    async ping() {
      await sql`select 1`.execute(db);
    },
    close() {
      closing ??= Promise.all([listener?.stop(), db.destroy()]).then(() => undefined);
      return closing;
    },
  };
}

async function waitUntilReachable(pool: pg.Pool, target: string, deadline: number, logger: Logger) {
  for (let attempt = 1; ; attempt++) {
    try {
      const client = await pool.connect();
      try {
        await client.query("select 1");
        return;
      } finally {
        client.release();
      }
    } catch (error) {
      const reason = (error as Error).message || String(error);
      const code = (error as { code?: unknown }).code;
      if (typeof code === "string" && PERMANENT_FAILURES.has(code)) {
        throw new Error(`cannot connect to PostgreSQL at ${target}: ${reason}`, { cause: error });
      }
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `cannot connect to PostgreSQL at ${target}: gave up after ${attempt} attempt(s) (${reason}); ` +
            "check DATABASE_URL and DATABASE_CONNECT_TIMEOUT_MS",
          { cause: error },
        );
      }
      const delay = Math.min(100 * 2 ** (attempt - 1), 2_000, remaining);
      logger.warn(
        { database: target, attempt, err: reason, retryInMs: delay },
        "PostgreSQL not reachable yet",
      );
      await sleep(delay);
    }
  }
}
