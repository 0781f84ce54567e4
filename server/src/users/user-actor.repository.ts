import type { Kysely } from "kysely";
import { preparedQuery } from "../database/prepared-query.js";
import type { Tables } from "../database/tables.js";

export interface ActorRecord {
  readonly id: string;
  readonly email: string;
  readonly emailVerifiedAt: string | null;
  readonly disabledAt: string | null;
  readonly groups: readonly string[];
}

const selectActorRows = preparedQuery((db: Kysely<Tables>, userId: string) =>
  db
    .selectFrom("users")
    .leftJoin("user_groups", "user_groups.user_id", "users.id")
    .select([
      "users.id",
      "users.email",
      "users.email_verified_at",
      "users.disabled_at",
      "user_groups.group_id",
    ])
    .where("users.id", "=", userId)
    .orderBy("user_groups.group_id"),
);

/**
 * What an actor needs of a user (identity, verification, disabled flag and groups) in ONE statement: it runs on
 * every authenticated request, so it joins the memberships instead of asking twice, and is prepared once.
 */
export async function findActorRecord(db: Kysely<Tables>, userId: string): Promise<ActorRecord | undefined> {
  return toActorRecord(await selectActorRows(db, userId));
}

/** A user joined with its memberships: one row per group, `group_id` null when there is none. */
export interface ActorRow {
  readonly id: string;
  readonly email: string;
  readonly email_verified_at: string | null;
  readonly disabled_at: string | null;
  readonly group_id: string | null;
}

/** Folds the rows of one user joined with `user_groups` (ordered by group) into its record. */
export function toActorRecord(rows: readonly ActorRow[]): ActorRecord | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    id: first.id,
    email: first.email,
    emailVerifiedAt: first.email_verified_at,
    disabledAt: first.disabled_at,
    groups: rows.flatMap((row) => (row.group_id === null ? [] : [row.group_id])),
  };
}
