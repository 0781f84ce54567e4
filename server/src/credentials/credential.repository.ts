import type { Kysely, Selectable } from "kysely";
import type { CredentialsTable, Tables } from "../database/tables.js";
import { preparedQuery } from "../database/prepared-query.js";
import type { Credential, CredentialKind } from "./credential.types.js";

function toCredential(row: Selectable<CredentialsTable>): Credential {
  return {
    id: row.id,
    subscriptionId: row.subscription_id,
    kind: row.kind as CredentialKind,
    clientId: row.client_id,
    secret:
      row.secret_ciphertext !== null && row.secret_key_id !== null
        ? { ciphertext: row.secret_ciphertext, keyId: row.secret_key_id }
        : null,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertCredential(db: Kysely<Tables>, credential: Credential): Promise<void> {
  await db
    .insertInto("credentials")
    .values({
      id: credential.id,
      subscription_id: credential.subscriptionId,
      kind: credential.kind,
      client_id: credential.clientId,
      secret_ciphertext: credential.secret?.ciphertext ?? null,
      secret_key_id: credential.secret?.keyId ?? null,
      created_at: credential.createdAt,
      expires_at: credential.expiresAt,
      revoked_at: credential.revokedAt,
    })
    .execute();
}

/**
 * The credentials of many subscriptions that still work at `now` (not revoked, not expired), in one statement.
 * Within each subscription, those ending soonest come first and the current one (no expiry) last, so during a
 * rotation the old credential is listed before its replacement.
 */
const selectValidCredentialsOf = preparedQuery(
  (db: Kysely<Tables>, subscriptionIds: readonly string[], now: string) =>
    db
      .selectFrom("credentials")
      .selectAll()
      .where("subscription_id", "in", subscriptionIds)
      .where("revoked_at", "is", null)
      .where((eb) => eb.or([eb("expires_at", "is", null), eb("expires_at", ">", now)])),
);

export async function listValidCredentialsOf(
  db: Kysely<Tables>,
  subscriptionIds: readonly string[],
  now: Date,
): Promise<Credential[]> {
  if (subscriptionIds.length === 0) return [];
  const rows = await selectValidCredentialsOf(db, [...new Set(subscriptionIds)], now.toISOString());
  const key = (c: Credential) => [c.subscriptionId, c.expiresAt ?? "~", c.createdAt, c.id].join("\u0000");
  return rows.map(toCredential).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** Ids of every credential of a subscription, valid or not (what goes when the subscription goes). */
export async function credentialIdsOfSubscription(
  db: Kysely<Tables>,
  subscriptionId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom("credentials")
    .select("id")
    .where("subscription_id", "=", subscriptionId)
    .orderBy("id")
    .execute();
  return rows.map((row) => row.id);
}

/** Ends a credential at `expiresAt` (a rotation's overlap); one that already ends earlier keeps its expiry. */
export async function expireCredential(
  db: Kysely<Tables>,
  credential: Credential,
  expiresAt: Date,
): Promise<string> {
  const end =
    credential.expiresAt !== null && credential.expiresAt < expiresAt.toISOString()
      ? credential.expiresAt
      : expiresAt.toISOString();
  await db.updateTable("credentials").set({ expires_at: end }).where("id", "=", credential.id).execute();
  return end;
}

/** Revokes every credential of the subscription that still works; returns their ids. */
export async function revokeValidCredentialsOf(
  db: Kysely<Tables>,
  subscriptionId: string,
  now: Date,
): Promise<string[]> {
  const valid = await listValidCredentialsOf(db, [subscriptionId], now);
  const ids = valid.map((credential) => credential.id);
  if (ids.length > 0) {
    await db
      .updateTable("credentials")
      .set({ revoked_at: now.toISOString() })
      .where("id", "in", ids)
      .execute();
  }
  return ids;
}

/** Deletes credentials that stopped working before `cutoff` (expired or revoked); returns how many. */
export async function deleteCredentialsEndedBefore(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  const before = cutoff.toISOString();
  const result = await db
    .deleteFrom("credentials")
    .where((eb) => eb.or([eb("expires_at", "<=", before), eb("revoked_at", "<=", before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
