import type { Actor } from "../actor/actor.js";
import { requireAuthenticated, requireWriteScope } from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import { isDeliveryAccount, type WebhookAccess } from "./webhook-access.js";

/**
 * Delivering (leases, claiming deliveries, recording attempts, dead-lettering) reveals signing secrets and moves
 * positions, so it is only for the delivery accounts (`PORTAL_WEBHOOK_DELIVERY_ACCOUNTS`, the bridge) with the
 * write scope, and the system. Not for administrators: they manage listeners, they do not impersonate the bridge.
 */
export function webhookDeliveryPolicy(access: WebhookAccess) {
  return {
    deliver(actor: Actor): void {
      const authenticated = requireAuthenticated(actor);
      requireWriteScope(actor);
      if (authenticated.kind === "system" || isDeliveryAccount(access, actor)) return;
      throw DomainError.forbidden(
        "Only the webhook delivery accounts (PORTAL_WEBHOOK_DELIVERY_ACCOUNTS) may lease listeners and record deliveries",
      );
    },
  };
}

export type WebhookDeliveryPolicy = ReturnType<typeof webhookDeliveryPolicy>;
