import type { Kysely, Selectable } from "kysely";
import type { SessionsTable, Tables } from "../database/tables.js";
import type { Session } from "./session.types.js";

function toSession(row: Selectable<SessionsTable>): Session {
  return {
    id: row.id,
    userId: row.user_id,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertSession(
  db: Kysely<Tables>,
  session: {
    readonly id: string;
    readonly userId: string;
    readonly tokenHash: string;
    readonly expiresAt: string;
    readonly clientAddress: string | null;
    readonly userAgent: string | null;
  },
  now: Date,
): Promise<Session> {
  const row: Selectable<SessionsTable> = {
    id: session.id,
    user_id: session.userId,
    token_hash: session.tokenHash,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    expires_at: session.expiresAt,
    revoked_at: null,
    client_address: session.clientAddress,
    user_agent: session.userAgent,
  };
  await db.insertInto("sessions").values(row).execute();
  return toSession(row);
}

/** The session with this token hash if it is neither revoked nor expired at `now`. */
export async function findLiveSessionByTokenHash(
  db: Kysely<Tables>,
  tokenHash: string,
  now: Date,
): Promise<Session | undefined> {
  const row = await db
    .selectFrom("sessions")
    .selectAll()
    .where("token_hash", "=", tokenHash)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return row && toSession(row);
}

export async function findSessionById(db: Kysely<Tables>, id: string): Promise<Session | undefined> {
  const row = await db.selectFrom("sessions").selectAll().where("id", "=", id).executeTakeFirst();
  return row && toSession(row);
}

/** Moves `last_seen_at` forward. */
export async function recordSessionActivity(db: Kysely<Tables>, id: string, now: Date): Promise<void> {
  await db.updateTable("sessions").set({ last_seen_at: now.toISOString() }).where("id", "=", id).execute();
}

/** Ends one session; false when it had already ended. */
export async function revokeSession(db: Kysely<Tables>, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Ends every live session of the user, except `keepSessionId`; returns how many ended. */
export async function revokeSessionsOfUser(
  db: Kysely<Tables>,
  userId: string,
  now: Date,
  keepSessionId: string | null = null,
): Promise<number> {
  let query = db
    .updateTable("sessions")
    .set({ revoked_at: now.toISOString() })
    .where("user_id", "=", userId)
    .where("revoked_at", "is", null)
    .where("expires_at", ">", now.toISOString());
  if (keepSessionId !== null) query = query.where("id", "!=", keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deletes sessions that ended before `before` (expired or revoked); for a periodic clean-up job. */
export async function deleteSessionsEndedBefore(db: Kysely<Tables>, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  const result = await db
    .deleteFrom("sessions")
    .where((eb) => eb.or([eb("expires_at", "<", cutoff), eb("revoked_at", "<", cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
