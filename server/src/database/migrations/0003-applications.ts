import type { Migration } from "./migration.types.js";

/**
 * Applications (clients registered by developers) and their members with a role. The id rules (4–50 characters
 * `[a-z0-9][a-z0-9_-]*`, immutable), the client types and the redirect URI rules are enforced in code
 * (`applications/`); `redirect_uris` is a JSON array of strings. `created_by` is not a foreign key: the
 * application outlives the account that created it.
 */
export const migration: Migration = {
  name: "0003-applications",
  async up(db) {
    await db.schema
      .createTable("applications")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("description", "text", (c) => c.notNull().defaultTo(""))
      .addColumn("client_type", "text", (c) => c.notNull())
      .addColumn("redirect_uris", "text", (c) => c.notNull().defaultTo("[]"))
      .addColumn("created_by", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex("applications_created_at_id")
      .on("applications")
      .columns(["created_at", "id"])
      .execute();

    await db.schema
      .createTable("application_members")
      .addColumn("application_id", "text", (c) =>
        c.notNull().references("applications.id").onDelete("cascade"),
      )
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("role", "text", (c) => c.notNull())
      .addColumn("added_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("application_members_pk", ["application_id", "user_id"])
      .execute();
    await db.schema
      .createIndex("application_members_user_id")
      .on("application_members")
      .column("user_id")
      .execute();
  },
};
