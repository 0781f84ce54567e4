import { createHash, randomBytes } from "node:crypto";

/** Every personal access token starts with this, so it is recognisable (also by secret scanners). */
export const ACCESS_TOKEN_PREFIX = "pat_";

const SECRET_BYTES = 32;
/** `pat_` plus the first 8 characters of the random part: shown in lists so users can tell tokens apart. */
const RECOGNITION_LENGTH = ACCESS_TOKEN_PREFIX.length + 8;
const tokenPattern = /^pat_[A-Za-z0-9_-]{43}$/;

export interface AccessTokenSecret {
  /** The token itself; shown to its owner once and never stored. */
  readonly token: string;
  /** SHA-256 (hex) of the token: what the database keeps and looks tokens up by. */
  readonly hash: string;
  /** The recognisable start of the token. */
  readonly prefix: string;
}

/** A new token: `pat_` and 256 random bits in base64url (47 characters in all). */
export function generateAccessTokenSecret(): AccessTokenSecret {
  const token = `${ACCESS_TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString("base64url")}`;
  return { token, hash: hashAccessToken(token), prefix: token.slice(0, RECOGNITION_LENGTH) };
}

/**
 * The stored form. A plain SHA-256 suffices (unlike passwords): the token has 256 bits of entropy, so it cannot be
 * guessed from the hash, and lookups stay one indexed equality match.
 */
export function hashAccessToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when the text has the shape of a personal access token (it may still be unknown or revoked). */
export function isAccessTokenFormat(token: string): boolean {
  return tokenPattern.test(token);
}
