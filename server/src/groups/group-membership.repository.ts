import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";

/** The group ids of one user, sorted. */
export async function groupIdsOfUser(db: Kysely<Tables>, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom("user_groups")
    .select("group_id")
    .where("user_id", "=", userId)
    .orderBy("group_id")
    .execute();
  return rows.map((row) => row.group_id);
}

/** The group ids of many users in one statement; every requested id is in the map (possibly with []). */
export async function groupIdsOfUsers(
  db: Kysely<Tables>,
  userIds: readonly string[],
): Promise<Map<string, string[]>> {
  const result = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom("user_groups")
    .select(["user_id", "group_id"])
    .where("user_id", "in", [...new Set(userIds)])
    .orderBy("user_id")
    .orderBy("group_id")
    .execute();
  for (const row of rows) result.get(row.user_id)?.push(row.group_id);
  return result;
}

/** Adds memberships the user does not have yet; existing ones keep their date. */
export async function addUserToGroups(
  db: Kysely<Tables>,
  userId: string,
  groupIds: readonly string[],
  now: Date,
): Promise<void> {
  if (groupIds.length === 0) return;
  await db
    .insertInto("user_groups")
    .values(
      [...new Set(groupIds)].map((groupId) => ({
        user_id: userId,
        group_id: groupId,
        created_at: now.toISOString(),
      })),
    )
    .onConflict((conflict) => conflict.columns(["user_id", "group_id"]).doNothing())
    .execute();
}

/** Removes the given memberships. */
export async function removeUserFromGroups(
  db: Kysely<Tables>,
  userId: string,
  groupIds: readonly string[],
): Promise<void> {
  if (groupIds.length === 0) return;
  await db
    .deleteFrom("user_groups")
    .where("user_id", "=", userId)
    .where("group_id", "in", [...groupIds])
    .execute();
}
