import { sql, type Insertable, type Kysely, type Selectable } from "kysely";
import type { Tables, UsersTable } from "../database/tables.js";
import type { PageRequest } from "../graphql/connection.js";
import { normalizeEmail } from "./email-address.js";
import type { User, UserListFilter } from "./user.types.js";

type UserRow = Selectable<UsersTable>;

function parseProfile(text: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => typeof v === "string")
        .map(([k, v]) => [k, v as string]),
    );
  } catch {
    return {};
  }
}

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    emailVerifiedAt: row.email_verified_at,
    profile: parseProfile(row.profile),
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findUserById(db: Kysely<Tables>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toUser(row);
}

export async function findUserByEmail(db: Kysely<Tables>, email: string): Promise<User | undefined> {
  const row = await db
    .selectFrom("users")
    .selectAll()
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return row && toUser(row);
}

/** The user with the password hash, for checking credentials; the hash never leaves the password services. */
export async function findUserWithPasswordHash(
  db: Kysely<Tables>,
  by: { readonly id: string } | { readonly email: string },
): Promise<{ user: User; passwordHash: string | null } | undefined> {
  const query = db.selectFrom("users").selectAll();
  const row = await (
    "id" in by ? query.where("id", "=", by.id) : query.where("email", "=", normalizeEmail(by.email))
  ).executeTakeFirst();
  return row && { user: toUser(row), passwordHash: row.password_hash };
}

export async function isEmailTaken(db: Kysely<Tables>, email: string): Promise<boolean> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", normalizeEmail(email))
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewUser {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string | null;
  readonly displayName: string;
  readonly profile: Readonly<Record<string, string>>;
  readonly emailVerifiedAt: string | null;
}

export async function insertUser(db: Kysely<Tables>, user: NewUser, now: Date): Promise<User> {
  const row: Insertable<UsersTable> = {
    id: user.id,
    email: normalizeEmail(user.email),
    password_hash: user.passwordHash,
    email_verified_at: user.emailVerifiedAt,
    display_name: user.displayName,
    profile: JSON.stringify(user.profile),
    disabled_at: null,
    created_at: now.toISOString(),
    updated_at: now.toISOString(),
  };
  await db.insertInto("users").values(row).execute();
  return toUser(row as UserRow);
}

export async function markEmailVerified(db: Kysely<Tables>, userId: string, now: Date): Promise<void> {
  await db
    .updateTable("users")
    .set({ email_verified_at: now.toISOString(), updated_at: now.toISOString() })
    .where("id", "=", userId)
    .execute();
}

/** Sets a new (already verified) address. */
export async function replaceEmail(
  db: Kysely<Tables>,
  userId: string,
  email: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      email: normalizeEmail(email),
      email_verified_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .where("id", "=", userId)
    .execute();
}

export async function replacePasswordHash(
  db: Kysely<Tables>,
  userId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ password_hash: passwordHash, updated_at: now.toISOString() })
    .where("id", "=", userId)
    .execute();
}

export async function updateDisplayNameAndProfile(
  db: Kysely<Tables>,
  userId: string,
  change: { readonly displayName: string; readonly profile: Readonly<Record<string, string>> },
  now: Date,
): Promise<void> {
  await db
    .updateTable("users")
    .set({
      display_name: change.displayName,
      profile: JSON.stringify(change.profile),
      updated_at: now.toISOString(),
    })
    .where("id", "=", userId)
    .execute();
}

/** Disables (with the time) or re-enables (with null) an account. */
export async function setDisabledAt(
  db: Kysely<Tables>,
  userId: string,
  disabledAt: string | null,
  now: Date,
): Promise<void> {
  await db
    .updateTable("users")
    .set({ disabled_at: disabledAt, updated_at: now.toISOString() })
    .where("id", "=", userId)
    .execute();
}

/** Deletes the user; memberships, sessions, tokens and links go with it (foreign keys cascade). */
export async function deleteUserById(db: Kysely<Tables>, userId: string): Promise<void> {
  await db.deleteFrom("users").where("id", "=", userId).execute();
}

/** Number of enabled users in any of the groups, not counting `exceptUserId`. */
export async function countEnabledMembersOfAny(
  db: Kysely<Tables>,
  groupIds: readonly string[],
  exceptUserId: string,
): Promise<number> {
  if (groupIds.length === 0) return 0;
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("disabled_at", "is", null)
    .where("id", "!=", exceptUserId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_groups")
          .select("user_groups.user_id")
          .whereRef("user_groups.user_id", "=", "users.id")
          .where("user_groups.group_id", "in", [...groupIds]),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of users in e-mail order (unique, so the order is stable; the cursor is the e-mail address), plus the
 * number of users matching the filter. Two statements.
 */
export async function listUsers(
  db: Kysely<Tables>,
  filter: UserListFilter,
  page: PageRequest,
): Promise<{ rows: User[]; totalCount: number }> {
  let query = db.selectFrom("users");
  const search = filter.search?.trim();
  if (search) {
    const pattern = likePattern(search);
    query = query.where(
      sql<boolean>`(lower(email) like ${pattern} escape '\\' or lower(display_name) like ${pattern} escape '\\')`,
    );
  }
  if (filter.group) {
    const group = filter.group;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_groups")
          .select("user_groups.user_id")
          .whereRef("user_groups.user_id", "=", "users.id")
          .where("user_groups.group_id", "=", group),
      ),
    );
  }
  if (filter.disabled === true) query = query.where("disabled_at", "is not", null);
  if (filter.disabled === false) query = query.where("disabled_at", "is", null);

  const total = await query.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  let pageQuery = query.selectAll();
  const after = page.after?.[0];
  if (typeof after === "string") pageQuery = pageQuery.where("email", ">", after);
  const rows = await pageQuery
    .orderBy("email")
    .limit(page.first + 1)
    .execute();
  return { rows: rows.map(toUser), totalCount: Number(total.count) };
}

/**
 * Enabled users with a verified address who are members of `inGroup` (when given) and of at least one of
 * `inAnyOf`, in e-mail order: the people a notification about a group's business goes to.
 */
export async function findEnabledVerifiedUsersInGroups(
  db: Kysely<Tables>,
  groups: { readonly inGroup?: string; readonly inAnyOf: readonly string[] },
): Promise<User[]> {
  if (groups.inAnyOf.length === 0) return [];
  let query = db
    .selectFrom("users")
    .selectAll()
    .where("disabled_at", "is", null)
    .where("email_verified_at", "is not", null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_groups")
          .select("user_groups.user_id")
          .whereRef("user_groups.user_id", "=", "users.id")
          .where("user_groups.group_id", "in", [...groups.inAnyOf]),
      ),
    );
  const inGroup = groups.inGroup;
  if (inGroup !== undefined) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom("user_groups")
          .select("user_groups.user_id")
          .whereRef("user_groups.user_id", "=", "users.id")
          .where("user_groups.group_id", "=", inGroup),
      ),
    );
  }
  const rows = await query.orderBy("email").execute();
  return rows.map(toUser);
}
