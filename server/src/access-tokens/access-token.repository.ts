import type { Kysely, Selectable } from "kysely";
import type { AccessScope } from "../actor/actor.js";
import type { PersonalAccessTokensTable, Tables } from "../database/tables.js";
import type { PageRequest } from "../graphql/connection.js";
import { preparedQuery } from "../database/prepared-query.js";
import { toActorRecord, type ActorRecord } from "../users/user-actor.repository.js";
import type { AccessToken } from "./access-token.types.js";

type AccessTokenRow = Selectable<PersonalAccessTokensTable>;

/** Stored as a JSON list of what the token allows; `write` implies `read`. */
function scopesText(scope: AccessScope): string {
  return JSON.stringify(scope === "write" ? ["read", "write"] : ["read"]);
}

/** Anything unreadable counts as read-only, so a damaged row never grants more than it should. */
function scopeOf(text: string): AccessScope {
  try {
    const scopes: unknown = JSON.parse(text);
    return Array.isArray(scopes) && scopes.includes("write") ? "write" : "read";
  } catch {
    return "read";
  }
}

export function toAccessToken(row: AccessTokenRow): AccessToken {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.token_prefix,
    scope: scopeOf(row.scopes),
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertAccessToken(
  db: Kysely<Tables>,
  token: AccessToken,
  tokenHash: string,
): Promise<void> {
  await db
    .insertInto("personal_access_tokens")
    .values({
      id: token.id,
      user_id: token.userId,
      name: token.name,
      token_hash: tokenHash,
      token_prefix: token.prefix,
      scopes: scopesText(token.scope),
      created_at: token.createdAt,
      last_used_at: token.lastUsedAt,
      expires_at: token.expiresAt,
      revoked_at: token.revokedAt,
    })
    .execute();
}

export async function findAccessTokenById(db: Kysely<Tables>, id: string): Promise<AccessToken | undefined> {
  const row = await db
    .selectFrom("personal_access_tokens")
    .selectAll()
    .where("id", "=", id)
    .executeTakeFirst();
  return row && toAccessToken(row);
}

/**
 * One page of a user's tokens, newest first (created_at desc, id desc: a stable order; the cursor is that pair),
 * plus how many match. Two statements.
 */
export async function listAccessTokensOfUser(
  db: Kysely<Tables>,
  userId: string,
  options: { readonly includeRevoked: boolean },
  page: PageRequest,
): Promise<{ rows: AccessToken[]; totalCount: number }> {
  let base = db.selectFrom("personal_access_tokens").where("user_id", "=", userId);
  if (!options.includeRevoked) base = base.where("revoked_at", "is", null);
  const counted = await base
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  let query = base.selectAll();
  if (page.after) {
    const [createdAt, id] = page.after.map(String);
    query = query.where((eb) =>
      eb.or([
        eb("created_at", "<", createdAt ?? ""),
        eb.and([eb("created_at", "=", createdAt ?? ""), eb("id", "<", id ?? "")]),
      ]),
    );
  }
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id", "desc")
    .limit(page.first + 1)
    .execute();
  return { rows: rows.map(toAccessToken), totalCount: Number(counted.count) };
}

/** Marks the token revoked; false when it already was (or does not exist). */
export async function markAccessTokenRevoked(db: Kysely<Tables>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("personal_access_tokens")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/**
 * Records a use, unless one was recorded after `notBefore`: the condition is in the statement, so replicas racing
 * on the same token write at most once per interval.
 */
export async function recordAccessTokenUse(
  db: Kysely<Tables>,
  id: string,
  now: Date,
  notBefore: Date,
): Promise<void> {
  await db
    .updateTable("personal_access_tokens")
    .set({ last_used_at: now.toISOString() })
    .where("id", "=", id)
    .where((eb) => eb.or([eb("last_used_at", "is", null), eb("last_used_at", "<", notBefore.toISOString())]))
    .execute();
}

const selectAccessTokenWithOwner = preparedQuery((db: Kysely<Tables>, tokenHash: string) =>
  db
    .selectFrom("personal_access_tokens")
    .leftJoin("users", "users.id", "personal_access_tokens.user_id")
    .leftJoin("user_groups", "user_groups.user_id", "users.id")
    .selectAll("personal_access_tokens")
    .select([
      "users.id as owner_id",
      "users.email as owner_email",
      "users.email_verified_at as owner_email_verified_at",
      "users.disabled_at as owner_disabled_at",
      "user_groups.group_id as owner_group_id",
    ])
    .where("personal_access_tokens.token_hash", "=", tokenHash)
    .orderBy("user_groups.group_id"),
);

/**
 * The token with the hash and what its owner's actor needs (`users/user-actor.repository.ts`), in one statement:
 * this runs on every request with a personal access token. `owner` is undefined when the user no longer exists.
 */
export async function findAccessTokenWithOwner(
  db: Kysely<Tables>,
  tokenHash: string,
): Promise<{ token: AccessToken; owner: ActorRecord | undefined } | undefined> {
  const rows = await selectAccessTokenWithOwner(db, tokenHash);
  const first = rows[0];
  if (!first) return undefined;
  const owner = toActorRecord(
    rows.flatMap((row) =>
      row.owner_id === null || row.owner_email === null
        ? []
        : [
            {
              id: row.owner_id,
              email: row.owner_email,
              email_verified_at: row.owner_email_verified_at,
              disabled_at: row.owner_disabled_at,
              group_id: row.owner_group_id,
            },
          ],
    ),
  );
  return { token: toAccessToken(first), owner };
}
