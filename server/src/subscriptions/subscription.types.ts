/**
 * Where a subscription stands. `pending_approval` → `approved` (credentials issued) → `provisioned` or
 * `provisioning_failed` (reported by the gateway adapter); `declined` by an approver. A plan change may send it
 * back to `pending_approval`.
 */
export type SubscriptionStatus =
  "pending_approval" | "approved" | "provisioned" | "provisioning_failed" | "declined";

export const subscriptionStatuses = [
  "pending_approval",
  "approved",
  "provisioned",
  "provisioning_failed",
  "declined",
] as const satisfies readonly SubscriptionStatus[];

/** The statuses in which a subscription has credentials (it was approved and not sent back to approval). */
export const activeStatuses: readonly SubscriptionStatus[] = [
  "approved",
  "provisioned",
  "provisioning_failed",
];

export function isActive(status: SubscriptionStatus): boolean {
  return activeStatuses.includes(status);
}

/** An application's subscription to an API with a plan. */
export interface Subscription {
  readonly id: string;
  readonly applicationId: string;
  readonly apiId: string;
  readonly planId: string;
  readonly status: SubscriptionStatus;
  /** Why the status was set: the decline reason or the provisioning error; null otherwise. */
  readonly statusReason: string | null;
  /** When the status last changed (the start of the wait while pending). */
  readonly statusChangedAt: string;
  /** Who asked for the current plan: the user who subscribed or changed the plan. */
  readonly requestedBy: string | null;
  readonly approvedAt: string | null;
  readonly approvedBy: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** One status a subscription went through. */
export interface StatusHistoryEntry {
  readonly id: string;
  readonly subscriptionId: string;
  readonly status: SubscriptionStatus;
  readonly reason: string | null;
  /** User id, service account id or `system:<reason>`; null for anonymous (never happens). */
  readonly actorId: string | null;
  readonly at: string;
}
