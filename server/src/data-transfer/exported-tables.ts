import type { Tables } from "../database/tables.js";

export interface ExportedTable {
  readonly table: Exclude<keyof Tables, "schema_migrations">;
  /** The primary key columns: rows are exported in this order, which makes dumps deterministic. */
  readonly orderBy: readonly string[];
  /** A database-assigned integer column whose counter is set past the imported rows after an import. */
  readonly identityColumn?: string;
}

/**
 * Every table with dynamic data, in foreign-key-safe order: a table comes after every table it references.
 * Import inserts in this order and `--replace` deletes in the reverse order. A new table must be added here or
 * to {@link internalTables}; a test fails otherwise.
 */
export const exportedTables = [
  { table: "installation", orderBy: ["id"] },
  { table: "users", orderBy: ["id"] },
  { table: "user_groups", orderBy: ["user_id", "group_id"] },
  { table: "sessions", orderBy: ["id"] },
  { table: "personal_access_tokens", orderBy: ["id"] },
  { table: "verification_tokens", orderBy: ["id"] },
  { table: "audit_log", orderBy: ["id"] },
  { table: "outbox_events", orderBy: ["sequence"], identityColumn: "sequence" },
  { table: "rate_limit_counters", orderBy: ["bucket"] },
  { table: "applications", orderBy: ["id"] },
  { table: "application_members", orderBy: ["application_id", "user_id"] },
  { table: "subscriptions", orderBy: ["id"] },
  { table: "subscription_status_history", orderBy: ["id"] },
  { table: "credentials", orderBy: ["id"] },
  { table: "webhook_listeners", orderBy: ["id"] },
  { table: "webhook_dead_letters", orderBy: ["listener_id", "sequence"] },
  { table: "webhook_delivery_attempts", orderBy: ["id"] },
  { table: "outbound_messages", orderBy: ["id"] },
] as const satisfies readonly ExportedTable[];

/** Tables that belong to the database itself, not to the installation's data; never exported or imported. */
export const internalTables: readonly string[] = ["schema_migrations"];

export type ExportedTableName = (typeof exportedTables)[number]["table"];
