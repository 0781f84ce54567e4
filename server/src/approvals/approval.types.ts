import type { Application } from "../applications/application.types.js";
import type { Subscription } from "../subscriptions/subscription.types.js";

/** A subscription waiting for approval, with what an approver needs to decide. */
export interface ApprovalRequest {
  readonly subscription: Subscription;
  readonly application: Application;
  /** Who asked; null when the account is gone or the request did not come from a user. */
  readonly requester: { readonly id: string; readonly email: string; readonly displayName: string } | null;
  /** When the subscription entered the queue (its last status change). */
  readonly requestedAt: string;
  /** Whole seconds since `requestedAt`. */
  readonly waitingSeconds: number;
}
