import { sql } from "kysely";
import type { Migration } from "./migration.types.js";

/** Core dynamic data: installation, users and their credentials, audit trail, event outbox. */
export const migration: Migration = {
  name: "0001-core",
  async up(db, dialect) {
    await db.schema
      .createTable("installation")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("config_hash", "text")
      .execute();

    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("password_hash", "text")
      .addColumn("email_verified_at", "text")
      .addColumn("display_name", "text", (c) => c.notNull())
      .addColumn("profile", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("disabled_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();

    await db.schema
      .createTable("user_groups")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("group_id", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("user_groups_pk", ["user_id", "group_id"])
      .execute();
    await db.schema.createIndex("user_groups_group_id").on("user_groups").column("group_id").execute();

    await db.schema
      .createTable("sessions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("revoked_at", "text")
      .addColumn("client_address", "text")
      .addColumn("user_agent", "text")
      .execute();
    await db.schema.createIndex("sessions_user_id").on("sessions").column("user_id").execute();
    await db.schema.createIndex("sessions_expires_at").on("sessions").column("expires_at").execute();

    await db.schema
      .createTable("personal_access_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("token_prefix", "text", (c) => c.notNull())
      .addColumn("scopes", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .addColumn("expires_at", "text")
      .addColumn("revoked_at", "text")
      .execute();
    await db.schema
      .createIndex("personal_access_tokens_user_id")
      .on("personal_access_tokens")
      .column("user_id")
      .execute();

    await db.schema
      .createTable("verification_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("cascade"))
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("kind", "text", (c) => c.notNull())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .addColumn("consumed_at", "text")
      .execute();
    await db.schema
      .createIndex("verification_tokens_user_id_kind")
      .on("verification_tokens")
      .columns(["user_id", "kind"])
      .execute();
    await db.schema
      .createIndex("verification_tokens_expires_at")
      .on("verification_tokens")
      .column("expires_at")
      .execute();

    await db.schema
      .createTable("audit_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("at", "text", (c) => c.notNull())
      .addColumn("actor_id", "text")
      .addColumn("actor_kind", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text")
      .addColumn("target_id", "text")
      .addColumn("summary", "text", (c) => c.notNull().defaultTo("{}"))
      .addColumn("client_address", "text")
      .addColumn("user_agent", "text")
      .execute();
    await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute();
    await db.schema
      .createIndex("audit_log_actor_id_at")
      .on("audit_log")
      .columns(["actor_id", "at"])
      .execute();
    await db.schema
      .createIndex("audit_log_target_at")
      .on("audit_log")
      .columns(["target_type", "target_id", "at"])
      .execute();

    // The only dialect-specific DDL: a database-assigned, gap-tolerant, strictly increasing sequence number.
    const sequence =
      dialect === "postgres"
        ? sql`sequence bigint generated by default as identity primary key`
        : sql`sequence integer primary key autoincrement`;
    await sql`
      create table outbox_events (
        ${sequence},
        event_name text not null,
        schema_version integer not null,
        occurred_at text not null,
        actor text not null,
        subject_ids text not null,
        payload text not null
      )`.execute(db);
    await db.schema
      .createIndex("outbox_events_occurred_at")
      .on("outbox_events")
      .column("occurred_at")
      .execute();
  },
};
