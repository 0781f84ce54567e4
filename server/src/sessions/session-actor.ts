import type { Kysely } from "kysely";
import type { CallOrigin, UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { hashSecretToken } from "../passwords/secret-token.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { loadUserActor } from "../users/user-actor.js";
import { findLiveSessionByTokenHash, recordSessionActivity } from "./session.repository.js";

/** `last_seen_at` is written at most this often per session, so browsing does not turn every read into a write. */
export const SESSION_ACTIVITY_RESOLUTION_MS = 60_000;

/**
 * The user behind a session cookie, for the transport: null when the token is unknown, revoked or expired, or
 * when the user was deleted or disabled (checked on every request, so disabling takes effect at once). Sessions
 * have the write scope. Moves `last_seen_at` forward at most once a minute.
 */
export async function resolveSessionActor(
  db: Kysely<Tables>,
  config: StaticConfig,
  token: string,
  origin: CallOrigin,
  now: Date,
): Promise<UserActor | null> {
  if (token.length === 0 || token.length > 512) return null;
  const session = await findLiveSessionByTokenHash(db, hashSecretToken(token), now);
  if (!session) return null;
  const actor = await loadUserActor(
    db,
    config,
    session.userId,
    { kind: "session", sessionId: session.id },
    "write",
    origin,
  );
  if (!actor) return null;
  if (now.getTime() - Date.parse(session.lastSeenAt) >= SESSION_ACTIVITY_RESOLUTION_MS) {
    await recordSessionActivity(db, session.id, now);
  }
  return actor;
}
