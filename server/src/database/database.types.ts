import type { Kysely } from "kysely";
import type { Tables } from "./tables.js";

export type Dialect = "sqlite" | "postgres";

export interface DatabaseHandle {
  readonly db: Kysely<Tables>;
  readonly dialect: Dialect;
  /** Round trip to the database; rejects when it is not reachable. */
  readonly ping: () => Promise<void>;
  /** Closes every connection. Safe to call more than once. */
  readonly close: () => Promise<void>;
}
