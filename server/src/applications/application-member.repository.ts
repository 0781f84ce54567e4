import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { preparedQuery } from "../database/prepared-query.js";
import type { ApplicationMember, ApplicationRole } from "./application.types.js";

/** Owners first, then collaborators, then readers; within a role, in the order they joined. */
const roleOrder: Record<ApplicationRole, number> = { owner: 0, collaborator: 1, reader: 2 };

export function compareMembers(a: ApplicationMember, b: ApplicationMember): number {
  return (
    roleOrder[a.role] - roleOrder[b.role] ||
    (a.addedAt < b.addedAt ? -1 : a.addedAt > b.addedAt ? 1 : 0) ||
    (a.user.id < b.user.id ? -1 : a.user.id > b.user.id ? 1 : 0)
  );
}

export async function insertMember(
  db: Kysely<Tables>,
  member: { applicationId: string; userId: string; role: ApplicationRole; addedAt: string },
): Promise<void> {
  await db
    .insertInto("application_members")
    .values({
      application_id: member.applicationId,
      user_id: member.userId,
      role: member.role,
      added_at: member.addedAt,
    })
    .execute();
}

const selectMembersOfApplications = preparedQuery((db: Kysely<Tables>, applicationIds: readonly string[]) =>
  db
    .selectFrom("application_members")
    .innerJoin("users", "users.id", "application_members.user_id")
    .select([
      "application_members.application_id",
      "application_members.role",
      "application_members.added_at",
      "users.id as user_id",
      "users.email",
      "users.display_name",
    ])
    .where("application_members.application_id", "in", applicationIds),
);

/**
 * The members of many applications with the visible part of their accounts, in one statement; each list in
 * {@link compareMembers} order. Applications without members get an empty list.
 */
export async function membersOfApplications(
  db: Kysely<Tables>,
  applicationIds: readonly string[],
): Promise<Map<string, ApplicationMember[]>> {
  const byApplication = new Map<string, ApplicationMember[]>(applicationIds.map((id) => [id, []]));
  if (applicationIds.length === 0) return byApplication;
  const rows = await selectMembersOfApplications(db, [...new Set(applicationIds)]);
  for (const row of rows) {
    byApplication.get(row.application_id)?.push({
      applicationId: row.application_id,
      user: { id: row.user_id, email: row.email, displayName: row.display_name },
      role: row.role as ApplicationRole,
      addedAt: row.added_at,
    });
  }
  for (const members of byApplication.values()) members.sort(compareMembers);
  return byApplication;
}

/** One member with the visible part of the account, or undefined when the user is not a member. */
export async function findMember(
  db: Kysely<Tables>,
  applicationId: string,
  userId: string,
): Promise<ApplicationMember | undefined> {
  const members = await db
    .selectFrom("application_members")
    .innerJoin("users", "users.id", "application_members.user_id")
    .select(["application_members.role", "application_members.added_at", "users.email", "users.display_name"])
    .where("application_members.application_id", "=", applicationId)
    .where("application_members.user_id", "=", userId)
    .executeTakeFirst();
  return (
    members && {
      applicationId,
      user: { id: userId, email: members.email, displayName: members.display_name },
      role: members.role as ApplicationRole,
      addedAt: members.added_at,
    }
  );
}

export async function updateMemberRole(
  db: Kysely<Tables>,
  applicationId: string,
  userId: string,
  role: ApplicationRole,
): Promise<void> {
  await db
    .updateTable("application_members")
    .set({ role })
    .where("application_id", "=", applicationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function deleteMember(db: Kysely<Tables>, applicationId: string, userId: string): Promise<void> {
  await db
    .deleteFrom("application_members")
    .where("application_id", "=", applicationId)
    .where("user_id", "=", userId)
    .execute();
}

export async function countOwners(db: Kysely<Tables>, applicationId: string): Promise<number> {
  const row = await db
    .selectFrom("application_members")
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .where("application_id", "=", applicationId)
    .where("role", "=", "owner")
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Whether `userId` is an owner of some application that has no other owner; one statement. */
export async function isLastOwnerOfAnyApplication(db: Kysely<Tables>, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom("application_members as mine")
    .select("mine.application_id")
    .where("mine.user_id", "=", userId)
    .where("mine.role", "=", "owner")
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom("application_members as other")
            .select("other.user_id")
            .whereRef("other.application_id", "=", "mine.application_id")
            .where("other.role", "=", "owner")
            .where("other.user_id", "<>", userId),
        ),
      ),
    )
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
