import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import type { Api } from "../static-config/static-config.js";
import { findUserById } from "../users/user.repository.js";
import type { Subscription } from "./subscription.types.js";

/** The ids every subscription event carries. */
export function eventRef(subscription: Subscription, api: Api | undefined) {
  return {
    subscriptionId: subscription.id,
    applicationId: subscription.applicationId,
    apiId: subscription.apiId,
    planId: subscription.planId,
    authMethod: api?.auth.type ?? null,
  };
}

/**
 * Who asked for the subscription's current plan, with the address the mailer writes to. When that is the caller,
 * the address comes from the caller's actor (loaded from the database at the start of this request).
 */
export async function requesterOf(
  db: Kysely<Tables>,
  subscription: Subscription,
  actor: Actor,
): Promise<{ requestedBy: string | null; requesterEmail: string | null }> {
  const { requestedBy } = subscription;
  if (requestedBy === null) return { requestedBy, requesterEmail: null };
  if (actor.kind === "user" && actor.userId === requestedBy)
    return { requestedBy, requesterEmail: actor.email };
  const user = await findUserById(db, requestedBy);
  return { requestedBy, requesterEmail: user?.email ?? null };
}
