import type { WebhookEvent } from "../portal-client.js";
import type { KongNaming } from "./kong-naming.js";
import type { ReconcileScope } from "./kong-reconciler.js";

/** The portal events the adapter listens to. */
export const kongAdapterEvents = ["subscription.*", "application.updated"] as const;

/** Our own receipts come back as events; they change nothing at the gateway. */
const receiptEvents = new Set(["subscription.provisioned", "subscription.provisioning_failed"]);

/** What an application change means for its consumers (OAuth2 redirect URIs and client type). */
const gatewayFields = new Set(["redirectUris", "clientType"]);

function text(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

/**
 * The consumers a batch touches: every subscription event names its subscription (and, through application and
 * API, its Kong username, which matters once the subscription is gone); an application change of redirect URIs
 * or client type names all consumers of the application.
 */
export function scopeOfEvents(events: readonly WebhookEvent[], naming: KongNaming): ReconcileScope {
  const subscriptionIds = new Set<string>();
  const applicationIds = new Set<string>();
  const usernames = new Set<string>();
  for (const event of events) {
    const payload = (event.payload ?? {}) as Record<string, unknown>;
    if (event.name.startsWith("subscription.") && !receiptEvents.has(event.name)) {
      const subscriptionId = text(payload.subscriptionId);
      const applicationId = text(payload.applicationId);
      const apiId = text(payload.apiId);
      if (subscriptionId) subscriptionIds.add(subscriptionId);
      if (applicationId && apiId) usernames.add(naming.consumer(applicationId, apiId));
    } else if (event.name === "application.updated") {
      const changed = Array.isArray(payload.changedFields) ? payload.changedFields : [];
      const applicationId = text(payload.applicationId);
      if (applicationId && changed.some((field) => gatewayFields.has(String(field))))
        applicationIds.add(applicationId);
    }
  }
  return {
    subscriptionIds: [...subscriptionIds],
    applicationIds: [...applicationIds],
    usernames: [...usernames],
  };
}

export function isEmptyScope(scope: ReconcileScope): boolean {
  return scope.subscriptionIds.length + scope.applicationIds.length + scope.usernames.length === 0;
}
