import type { Kysely } from "kysely";
import type { Dialect } from "../database.types.js";

/**
 * Migrations see the database as it was when they were written, not as `Tables` describes it today, so they
 * work on an untyped Kysely (the Kysely convention for migrations).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type MigrationDb = Kysely<any>;

export interface Migration {
  /** `NNNN-short-name`, equal to the file name; never renamed once released. */
  readonly name: string;
  /** Runs inside the migrator's transaction; must not commit, and must use only transactional DDL. */
  up(db: MigrationDb, dialect: Dialect): Promise<void>;
}
