import type { SealedSecret } from "../crypto/secret-box.js";
import type { EventFilter } from "../event-log/event-log.types.js";

/** Who registered a listener; only they (and administrators) may change it. */
export interface ListenerOwner {
  readonly kind: "service" | "user" | "system";
  readonly id: string;
}

/** The delivery a bridge is working on: the same events get the same `webhook-id` on every attempt. */
export interface CurrentDelivery {
  readonly id: string;
  readonly sequences: readonly number[];
  readonly attempts: number;
  readonly firstAttemptAt: string;
  /** The last attempt failed (the next claim then narrows a batch to its first event). */
  readonly failed: boolean;
}

/** A webhook listener as stored. */
export interface WebhookListener {
  readonly id: string;
  readonly owner: ListenerOwner;
  readonly url: string;
  /** The patterns as registered; `[]` means every event. */
  readonly events: readonly string[];
  readonly filter: EventFilter;
  readonly sealedSecret: SealedSecret;
  /** Sequence acknowledged up to. */
  readonly position: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lease: { readonly holder: string; readonly expiresAt: string } | null;
  readonly delivery: CurrentDelivery | null;
  readonly lastAttemptAt: string | null;
  readonly lastSuccessAt: string | null;
  readonly lastSuccessStatusCode: number | null;
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly consecutiveFailures: number;
}
