import type { Kysely } from "kysely";
import { resolveBearerActor } from "../access-tokens/bearer-authentication.js";
import type { ActorResolver } from "../actor/actor-resolver.js";
import { anonymous } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import type { ServiceAccount } from "../service-accounts/service-account.js";
import { resolveSessionActor } from "../sessions/session-actor.js";
import type { StaticConfig } from "../static-config/static-config.js";

export interface ActorResolutionDependencies {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly clock: () => Date;
}

/**
 * Who is calling: a bearer token wins over a session cookie (scripts may run in a browser profile). A bad bearer
 * token is an error (scripts must learn their token broke); a stale session cookie only makes the caller anonymous,
 * as a browser would expect after signing out elsewhere.
 */
export function createActorResolver(deps: ActorResolutionDependencies): ActorResolver {
  const bearerConfig = { staticConfig: deps.config, serviceAccounts: deps.serviceAccounts };
  return async (credentials, origin) => {
    const now = deps.clock();
    if (credentials.bearerToken !== null) {
      return resolveBearerActor(deps.db, bearerConfig, credentials.bearerToken, origin, now);
    }
    if (credentials.sessionToken !== null) {
      const actor = await resolveSessionActor(deps.db, deps.config, credentials.sessionToken, origin, now);
      if (actor) return actor;
    }
    return anonymous(origin);
  };
}
