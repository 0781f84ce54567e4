import type { Kysely } from "kysely";
import type { AccessScope, CallOrigin, UserActor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { groupFlags } from "../groups/group-flags.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { findActorRecord, type ActorRecord } from "./user-actor.repository.js";

/**
 * The actor for a user who authenticated with a session or a personal access token, read fresh from the
 * database: null when the user does not exist or is disabled, so a disabled account's sessions and tokens stop
 * working with the next request. Groups come from `user_groups`; admin/approver rights from the groups' flags in
 * the static configuration (memberships of groups no longer configured grant nothing). One SQL statement.
 */
export async function loadUserActor(
  db: Kysely<Tables>,
  config: StaticConfig,
  userId: string,
  via: UserActor["via"],
  scope: AccessScope,
  origin: CallOrigin,
): Promise<UserActor | null> {
  return userActorOf(await findActorRecord(db, userId), config, via, scope, origin);
}

/** The actor of an already read user record (see {@link loadUserActor}); null when missing or disabled. */
export function userActorOf(
  user: ActorRecord | undefined,
  config: StaticConfig,
  via: UserActor["via"],
  scope: AccessScope,
  origin: CallOrigin,
): UserActor | null {
  if (!user || user.disabledAt !== null) return null;
  const groups = [...user.groups];
  const flags = groupFlags(config, groups);
  return {
    kind: "user",
    userId: user.id,
    email: user.email,
    emailVerified: user.emailVerifiedAt !== null,
    groups,
    isAdmin: flags.isAdmin,
    isApprover: flags.isApprover,
    via,
    scope,
    origin,
  };
}
