import type { Migration } from "./migration.types.js";

/**
 * Webhook listeners of the event log and their delivery state (`webhooks/`). A listener's position is the
 * sequence of the event log it has acknowledged up to (acknowledgements are positions); the lease and the current
 * delivery are what keeps bridges stateless; dead letters keep a copy of the event, so they outlive the log's
 * retention; attempts are the delivery ledger. Sequence-valued columns are `bigint` like the outbox's sequence.
 */
export const migration: Migration = {
  name: "0005-webhooks",
  async up(db) {
    await db.schema
      .createTable("webhook_listeners")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("owner_kind", "text", (c) => c.notNull())
      .addColumn("owner_id", "text", (c) => c.notNull())
      .addColumn("url", "text", (c) => c.notNull())
      .addColumn("events", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("secret_ciphertext", "text", (c) => c.notNull())
      .addColumn("secret_key_id", "text", (c) => c.notNull())
      .addColumn("position", "bigint", (c) => c.notNull().defaultTo(0))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addColumn("lease_holder", "text")
      .addColumn("lease_expires_at", "text")
      .addColumn("delivery_id", "text")
      .addColumn("delivery_sequences", "text")
      .addColumn("delivery_attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("delivery_first_attempt_at", "text")
      .addColumn("delivery_failed", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("last_attempt_at", "text")
      .addColumn("last_success_at", "text")
      .addColumn("last_success_status_code", "integer")
      .addColumn("last_status_code", "integer")
      .addColumn("last_error", "text")
      .addColumn("consecutive_failures", "integer", (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createIndex("webhook_listeners_owner")
      .on("webhook_listeners")
      .columns(["owner_kind", "owner_id"])
      .execute();

    await db.schema
      .createTable("webhook_dead_letters")
      .addColumn("listener_id", "text", (c) =>
        c.notNull().references("webhook_listeners.id").onDelete("cascade"),
      )
      .addColumn("sequence", "bigint", (c) => c.notNull())
      .addColumn("event", "text", (c) => c.notNull())
      .addColumn("delivery_id", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("reason", "text", (c) => c.notNull())
      .addColumn("dead_lettered_at", "text", (c) => c.notNull())
      .addColumn("redeliver", "integer", (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint("webhook_dead_letters_pk", ["listener_id", "sequence"])
      .execute();
    await db.schema
      .createIndex("webhook_dead_letters_dead_lettered_at")
      .on("webhook_dead_letters")
      .column("dead_lettered_at")
      .execute();

    await db.schema
      .createTable("webhook_delivery_attempts")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("listener_id", "text", (c) =>
        c.notNull().references("webhook_listeners.id").onDelete("cascade"),
      )
      .addColumn("delivery_id", "text", (c) => c.notNull())
      .addColumn("attempt", "integer", (c) => c.notNull())
      .addColumn("first_sequence", "bigint", (c) => c.notNull())
      .addColumn("last_sequence", "bigint", (c) => c.notNull())
      .addColumn("event_count", "integer", (c) => c.notNull())
      .addColumn("holder", "text", (c) => c.notNull())
      .addColumn("started_at", "text", (c) => c.notNull())
      .addColumn("finished_at", "text")
      .addColumn("status_code", "integer")
      .addColumn("error", "text")
      .addColumn("duration_ms", "integer")
      .execute();
    await db.schema
      .createIndex("webhook_delivery_attempts_listener_started")
      .on("webhook_delivery_attempts")
      .columns(["listener_id", "started_at"])
      .execute();
    await db.schema
      .createIndex("webhook_delivery_attempts_started_at")
      .on("webhook_delivery_attempts")
      .column("started_at")
      .execute();
  },
};
