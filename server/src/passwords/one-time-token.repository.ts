import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { hashSecretToken, newSecretToken } from "./secret-token.js";

/** What a one-time link proves, and how long it is valid. */
export const oneTimeTokenKinds = {
  email_verification: { lifetimeMs: 24 * 60 * 60 * 1000, what: "e-mail verification link" },
  password_reset: { lifetimeMs: 60 * 60 * 1000, what: "password reset link" },
  email_change: { lifetimeMs: 24 * 60 * 60 * 1000, what: "e-mail change link" },
} as const;

export type OneTimeTokenKind = keyof typeof oneTimeTokenKinds;

export interface IssuedToken {
  /** The clear-text secret; it goes into the link of an event and is never stored. */
  readonly token: string;
  readonly expiresAt: Date;
}

/**
 * Issues a single-use token for the user and address, stored as a SHA-256 hash. Earlier unused tokens of the same
 * kind for that user are deleted, so only the newest link works.
 */
export async function issueOneTimeToken(
  db: Kysely<Tables>,
  request: { readonly userId: string; readonly kind: OneTimeTokenKind; readonly email: string },
  now: Date,
): Promise<IssuedToken> {
  await db
    .deleteFrom("verification_tokens")
    .where("user_id", "=", request.userId)
    .where("kind", "=", request.kind)
    .where("consumed_at", "is", null)
    .execute();
  const token = newSecretToken();
  const expiresAt = new Date(now.getTime() + oneTimeTokenKinds[request.kind].lifetimeMs);
  await db
    .insertInto("verification_tokens")
    .values({
      id: randomUUID(),
      user_id: request.userId,
      token_hash: hashSecretToken(token),
      kind: request.kind,
      email: request.email,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      consumed_at: null,
    })
    .execute();
  return { token, expiresAt };
}

export interface ConsumedToken {
  readonly userId: string;
  /** The address the link was sent to. */
  readonly email: string;
}

/**
 * Marks the token used and returns whom it was issued for. TOKEN_INVALID when it is unknown, of another kind or
 * already used (also when a concurrent request used it first); TOKEN_EXPIRED after its lifetime. Call it in the
 * transaction of the change the token authorizes, so a failed change leaves the token usable.
 */
export async function consumeOneTimeToken(
  db: Kysely<Tables>,
  kind: OneTimeTokenKind,
  token: string,
  now: Date,
): Promise<ConsumedToken> {
  const what = oneTimeTokenKinds[kind].what;
  const invalid = new DomainError(ErrorCode.TOKEN_INVALID, `This ${what} is invalid or was already used`);
  const row = await db
    .selectFrom("verification_tokens")
    .select(["id", "user_id", "email", "expires_at", "consumed_at"])
    .where("token_hash", "=", hashSecretToken(token))
    .where("kind", "=", kind)
    .executeTakeFirst();
  if (!row || row.consumed_at !== null || row.user_id === null) throw invalid;
  if (row.expires_at <= now.toISOString()) {
    throw new DomainError(ErrorCode.TOKEN_EXPIRED, `This ${what} has expired; request a new one`);
  }
  const result = await db
    .updateTable("verification_tokens")
    .set({ consumed_at: now.toISOString() })
    .where("id", "=", row.id)
    .where("consumed_at", "is", null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) throw invalid;
  return { userId: row.user_id, email: row.email };
}

/** Deletes links that expired or were used before `before`; they can never be used again. */
export async function deleteOneTimeTokensEndedBefore(db: Kysely<Tables>, before: Date): Promise<number> {
  const cutoff = before.toISOString();
  const result = await db
    .deleteFrom("verification_tokens")
    .where((eb) => eb.or([eb("expires_at", "<", cutoff), eb("consumed_at", "<", cutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
