import type { Kysely } from "kysely";
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

/** Who asked for the subscription's current plan, with the address the mailer writes to. */
export async function requesterOf(
  db: Kysely<Tables>,
  subscription: Subscription,
): Promise<{ requestedBy: string | null; requesterEmail: string | null }> {
  const user = subscription.requestedBy ? await findUserById(db, subscription.requestedBy) : undefined;
  return { requestedBy: subscription.requestedBy, requesterEmail: user?.email ?? null };
}
