import type { ServiceDependencies } from "../app/portal-services.js";
import { keyRingSource } from "../crypto/key-ring-source.js";
import { WebhookDeadLetterService } from "./webhook-dead-letter.service.js";
import { webhookDeliveryPolicy } from "./webhook-delivery.policy.js";
import { WebhookDeliveryService } from "./webhook-delivery.service.js";
import { WebhookLedgerService } from "./webhook-ledger.service.js";
import { webhookListenerPolicy } from "./webhook-listener.policy.js";
import { WebhookListenerService } from "./webhook-listener.service.js";
import { createWebhookMetrics, type WebhookMetrics } from "./webhook-metrics.js";
import { WebhookQueueService } from "./webhook-queue.service.js";

/** The services behind the webhook REST facade (`webhook.routes.ts`). */
export interface WebhookServices {
  readonly listeners: WebhookListenerService;
  readonly queue: WebhookQueueService;
  readonly deadLetters: WebhookDeadLetterService;
  readonly ledger: WebhookLedgerService;
  readonly delivery: WebhookDeliveryService;
  /** Per-listener delivery metrics; the webhook routes add them to the server's `/metrics`. */
  readonly metrics: WebhookMetrics;
}

export function createWebhookServices(deps: ServiceDependencies): WebhookServices {
  const access = { deliveryAccounts: new Set(deps.runtime.webhooks.deliveryAccounts) };
  const shared = {
    db: deps.db,
    clock: deps.clock,
    keyRing: keyRingSource(deps.runtime, deps.logger),
    listeners: webhookListenerPolicy(access),
  };
  const metrics = createWebhookMetrics(deps.db, deps.clock);
  return {
    metrics,
    listeners: new WebhookListenerService(shared),
    queue: new WebhookQueueService(shared),
    deadLetters: new WebhookDeadLetterService(shared),
    ledger: new WebhookLedgerService(shared),
    delivery: new WebhookDeliveryService({
      ...shared,
      delivery: webhookDeliveryPolicy(access),
      observer: metrics,
    }),
  };
}
