import type { Migration } from "./migration.types.js";

/**
 * Subscriptions of applications to APIs (one per application and API), their status history, and the credentials
 * issued for approved subscriptions. `api_id` and `plan_id` name entries of the static configuration, so they are
 * not foreign keys. `requested_by`, `approved_by` and `actor_id` are user (or service account) ids kept as
 * history, not foreign keys. Secrets are stored encrypted (`secret_ciphertext` with the id of its key,
 * `crypto/secret-box.ts`); `client_id` is in clear because it is a lookup key.
 */
export const migration: Migration = {
  name: "0004-subscriptions",
  async up(db) {
    await db.schema
      .createTable("subscriptions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("application_id", "text", (c) =>
        c.notNull().references("applications.id").onDelete("cascade"),
      )
      .addColumn("api_id", "text", (c) => c.notNull())
      .addColumn("plan_id", "text", (c) => c.notNull())
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("status_reason", "text")
      .addColumn("status_changed_at", "text", (c) => c.notNull())
      .addColumn("requested_by", "text")
      .addColumn("approved_at", "text")
      .addColumn("approved_by", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("subscriptions_application_id_api_id", ["application_id", "api_id"])
      .execute();
    await db.schema
      .createIndex("subscriptions_status_changed")
      .on("subscriptions")
      .columns(["status", "status_changed_at", "id"])
      .execute();
    await db.schema.createIndex("subscriptions_api_id").on("subscriptions").column("api_id").execute();

    await db.schema
      .createTable("subscription_status_history")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subscription_id", "text", (c) =>
        c.notNull().references("subscriptions.id").onDelete("cascade"),
      )
      .addColumn("status", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("actor_id", "text")
      .addColumn("at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("subscription_status_history_subscription_id_at")
      .on("subscription_status_history")
      .columns(["subscription_id", "at"])
      .execute();

    await db.schema
      .createTable("credentials")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subscription_id", "text", (c) =>
        c.notNull().references("subscriptions.id").onDelete("cascade"),
      )
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("client_id", "text", (c) => c.unique())
      .addColumn("secret_ciphertext", "text")
      .addColumn("secret_key_id", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text")
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema
      .createIndex("credentials_subscription_id")
      .on("credentials")
      .column("subscription_id")
      .execute();
    await db.schema.createIndex("credentials_expires_at").on("credentials").column("expires_at").execute();
  },
};
