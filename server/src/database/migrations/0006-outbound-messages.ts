import type { Migration } from "./migration.types.js";

/**
 * The outbound message ledger (`outbound-messages/`): one row per message a built-in listener (mailer, chatbot)
 * sent or gave up on, keyed by channel, event sequence and recipient, so a redelivered event never sends the same
 * message twice and administrators see what could not be delivered.
 */
export const migration: Migration = {
  name: "0006-outbound-messages",
  async up(db) {
    await db.schema
      .createTable("outbound_messages")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("channel", "text", (c) => c.notNull())
      .addColumn("event_sequence", "bigint", (c) => c.notNull())
      .addColumn("event_name", "text", (c) => c.notNull())
      .addColumn("recipient", "text", (c) => c.notNull())
      .addColumn("template", "text", (c) => c.notNull())
      .addColumn("subject", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("error", "text")
      .addColumn("attempts", "integer", (c) => c.notNull())
      .addColumn("recorded_by", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("outbound_messages_key", ["channel", "event_sequence", "recipient"])
      .execute();
    await db.schema
      .createIndex("outbound_messages_updated_at")
      .on("outbound_messages")
      .columns(["updated_at", "id"])
      .execute();
  },
};
