import type { Kysely } from "kysely";
import { actorId, type Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { insertStatusHistory } from "./subscription.repository.js";
import type { Subscription, SubscriptionStatus } from "./subscription.types.js";

/** The subscription with a new status (and reason), stamped `now`. */
export function withStatus(
  subscription: Subscription,
  status: SubscriptionStatus,
  reason: string | null,
  now: Date,
): Subscription {
  const at = now.toISOString();
  return { ...subscription, status, statusReason: reason, statusChangedAt: at, updatedAt: at };
}

/** Appends the subscription's current status to its history, as set by `actor`. */
export async function recordStatus(
  trx: Kysely<Tables>,
  actor: Actor,
  subscription: Subscription,
): Promise<void> {
  await insertStatusHistory(trx, {
    subscriptionId: subscription.id,
    status: subscription.status,
    reason: subscription.statusReason,
    actorId: actorId(actor),
    at: subscription.statusChangedAt,
  });
}
