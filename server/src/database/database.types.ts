import type { Kysely } from "kysely";
import type { OutboxCommits } from "../events/outbox-commits.js";
import type { Tables } from "./tables.js";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** Round trip to the database; rejects when it is not reachable. */
  readonly ping: () => Promise<void>;
  /**
   * Signals after events were committed to the outbox: by this process (both backends) and, on PostgreSQL, by any
   * process (LISTEN/NOTIFY, listened to while someone subscribes).
   */
  readonly outboxCommits: OutboxCommits;
  /** Closes every connection. Safe to call more than once. */
  readonly close: () => Promise<void>;
}
