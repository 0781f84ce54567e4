import type { ClientType } from "../applications/application.types.js";
import type { RevealedCredential } from "../credentials/credential.types.js";
import type { Api, Plan } from "../static-config/static-config.js";
import type { SubscriptionStatus } from "../subscriptions/subscription.types.js";

/** The subscriptions a gateway provisions: those with credentials. */
export const provisionedStatuses: readonly SubscriptionStatus[] = [
  "approved",
  "provisioned",
  "provisioning_failed",
];

/** What the gateway must hold for one API and the plans it offers (from the static configuration). */
export interface GatewayDesiredConfiguration {
  /** The static configuration's hash: it changes whenever an API or plan may have changed. */
  readonly configHash: string;
  readonly apis: readonly Api[];
  readonly plans: readonly Plan[];
}

/** A subscription with credentials, as the gateway's consumer. */
export interface GatewayConsumer {
  readonly subscriptionId: string;
  readonly applicationId: string;
  readonly apiId: string;
  readonly planId: string;
  readonly status: SubscriptionStatus;
  readonly clientType: ClientType;
  readonly redirectUris: readonly string[];
  /**
   * Valid credentials, those ending soonest first (during a rotation the old one, with its expiry, then the new
   * one). Secrets are null unless the caller may see them.
   */
  readonly credentials: readonly RevealedCredential[];
}

/** Narrows the consumers (for incremental reconciles); the lists are combined with AND, each an OR of ids. */
export interface GatewayConsumerFilter {
  readonly subscriptionIds?: readonly string[] | null;
  readonly apiIds?: readonly string[] | null;
  readonly applicationIds?: readonly string[] | null;
}
