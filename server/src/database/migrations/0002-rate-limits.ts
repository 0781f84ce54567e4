import type { Migration } from "./migration.types.js";

/** Fixed-window failure counters for brute-force protection, shared by all replicas. */
export const migration: Migration = {
  name: "0002-rate-limits",
  async up(db) {
    await db.schema
      .createTable("rate_limit_counters")
      .addColumn("bucket", "text", (c) => c.primaryKey())
      .addColumn("window_ends_at", "text", (c) => c.notNull())
      .addColumn("count", "integer", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("rate_limit_counters_window_ends_at")
      .on("rate_limit_counters")
      .column("window_ends_at")
      .execute();
  },
};
