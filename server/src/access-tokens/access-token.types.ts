import type { AccessScope } from "../actor/actor.js";

/** A personal access token as services see it: never the token itself, nor its hash. */
export interface AccessToken {
  readonly id: string;
  /** The owner. */
  readonly userId: string;
  readonly name: string;
  /** The recognisable start of the token (`pat_` and 8 characters). */
  readonly prefix: string;
  /** `read`: queries only; `write`: queries and mutations. */
  readonly scope: AccessScope;
  /** ISO-8601 timestamps. */
  readonly createdAt: string;
  /** When the token was last used, to the minute (updated at most once a minute). */
  readonly lastUsedAt: string | null;
  /** Null: never expires. */
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

/** The answer to creating a token: the only time the token itself is seen. */
export interface CreatedAccessToken {
  readonly accessToken: AccessToken;
  readonly token: string;
}

/** Which tokens to list. */
export interface AccessTokenListQuery {
  /** Whose tokens; absent: the caller's own. Only administrators may name another user. */
  readonly userId?: string | null;
  /** Also list revoked tokens (default false). Expired tokens are always listed. */
  readonly includeRevoked?: boolean | null;
}
