import type { Actor } from "../actor/actor.js";

/** Which service accounts deliver webhooks (`PORTAL_WEBHOOK_DELIVERY_ACCOUNTS`). */
export interface WebhookAccess {
  readonly deliveryAccounts: ReadonlySet<string>;
}

export function isDeliveryAccount(access: WebhookAccess, actor: Actor): boolean {
  return actor.kind === "service" && access.deliveryAccounts.has(actor.serviceAccountId);
}
