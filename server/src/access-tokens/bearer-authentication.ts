import type { Kysely } from "kysely";
import type { CallOrigin, ServiceActor, UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { matchServiceAccount, type ServiceAccount } from "../service-accounts/service-account.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { userActorOf } from "../users/user-actor.js";
import { findAccessTokenWithOwner, recordAccessTokenUse } from "./access-token.repository.js";
import { ACCESS_TOKEN_PREFIX, hashAccessToken, isAccessTokenFormat } from "./access-token.secret.js";

/** A token's last-used time is written at most this often, so busy scripts do not turn reads into writes. */
export const LAST_USED_RESOLUTION_MS = 60_000;

export interface BearerAuthenticationConfig {
  /** Group flags (admin, approver) of token owners. */
  readonly staticConfig: StaticConfig;
  /** From `PORTAL_SERVICE_ACCOUNTS`. */
  readonly serviceAccounts: readonly ServiceAccount[];
}

/**
 * The actor behind an `Authorization: Bearer` token: a personal access token (`pat_…`) acts as its owner with the
 * token's scope; any other token must be a configured service account's. Anything else (unknown, revoked or
 * expired token, disabled or deleted owner) is UNAUTHENTICATED with a message that says which, because the
 * caller is a script whose operator needs to know what to fix.
 */
export async function resolveBearerActor(
  db: Kysely<Tables>,
  config: BearerAuthenticationConfig,
  token: string,
  origin: CallOrigin,
  now: Date,
): Promise<UserActor | ServiceActor> {
  if (!token.startsWith(ACCESS_TOKEN_PREFIX)) {
    const account = matchServiceAccount(config.serviceAccounts, token);
    if (!account) throw DomainError.unauthenticated("The bearer token is not a valid access token");
    return { kind: "service", serviceAccountId: account.id, scope: account.scope, origin };
  }
  const found = isAccessTokenFormat(token)
    ? await findAccessTokenWithOwner(db, hashAccessToken(token))
    : undefined;
  if (!found) throw DomainError.unauthenticated("The access token is unknown; create a new one");
  const accessToken = found.token;
  if (accessToken.revokedAt !== null) {
    throw DomainError.unauthenticated(`The access token "${accessToken.name}" was revoked; create a new one`);
  }
  if (accessToken.expiresAt !== null && accessToken.expiresAt <= now.toISOString()) {
    throw DomainError.unauthenticated(
      `The access token "${accessToken.name}" expired at ${accessToken.expiresAt}; create a new one`,
    );
  }
  const actor = userActorOf(
    found.owner,
    config.staticConfig,
    { kind: "token", tokenId: accessToken.id },
    accessToken.scope,
    origin,
  );
  if (!actor) {
    throw DomainError.unauthenticated(
      `The account that owns the access token "${accessToken.name}" is disabled or was deleted`,
    );
  }
  const notBefore = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
  if (accessToken.lastUsedAt === null || accessToken.lastUsedAt < notBefore.toISOString()) {
    await recordAccessTokenUse(db, accessToken.id, now, notBefore);
  }
  return actor;
}
