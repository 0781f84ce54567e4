import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { loadUserActor } from "../users/user-actor.js";

/**
 * The caller as they are now, for long-lived live subscriptions: a user is read again (groups, admin and approver
 * flags), and is null once disabled or deleted. Other actors do not change.
 */
export async function freshActor(
  db: Kysely<Tables>,
  config: StaticConfig,
  actor: Actor,
): Promise<Actor | null> {
  if (actor.kind !== "user") return actor;
  return loadUserActor(db, config, actor.userId, actor.via, actor.scope, actor.origin);
}
