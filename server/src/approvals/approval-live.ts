import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import type { LiveEvent, LiveEventFeed } from "../events/live-event-feed.js";
import { findApi, type StaticConfig } from "../static-config/static-config.js";
import { authorizedLiveStream } from "../subscriptions/authorized-live-stream.js";
import { freshActor } from "../subscriptions/fresh-actor.js";
import { approvalPolicy, mayApprove } from "./approval.policy.js";
import { findPendingRequest } from "./approval.repository.js";
import type { ApprovalRequest } from "./approval.types.js";

/** How the queue changed. */
export type ApprovalQueueChangeKind = "requested" | "approved" | "declined" | "withdrawn";

export interface ApprovalQueueChange {
  readonly change: ApprovalQueueChangeKind;
  readonly subscriptionId: string;
  readonly apiId: string;
  readonly occurredAt: string;
  /** The request as it waits now; null once it left the queue. */
  readonly request: ApprovalRequest | null;
}

/** What an event means for the queue; null when it does not touch it. */
function changeOf(event: LiveEvent): ApprovalQueueChangeKind | null {
  const { payload } = event;
  switch (event.name) {
    case "approval.requested":
      return "requested";
    case "subscription.approved":
      return payload.previousStatus === "pending_approval" ? "approved" : null;
    case "subscription.declined":
      return "declined";
    case "subscription.deleted":
      return payload.status === "pending_approval" ? "withdrawn" : null;
    default:
      return null;
  }
}

/**
 * The approval queue's changes for approvers (requests for APIs of their groups) and administrators (all).
 * Checked when the stream opens and for every event with the caller read fresh, so an approver who left the
 * API's group stops receiving its requests.
 */
export function followApprovalQueue(
  deps: { readonly db: Kysely<Tables>; readonly config: StaticConfig; readonly clock: () => Date },
  feed: LiveEventFeed,
  actor: Actor,
): AsyncIterableIterator<ApprovalQueueChange> {
  approvalPolicy.queue(actor);
  const source = feed.follow((event) => changeOf(event) !== null);
  return authorizedLiveStream(source, async (event) => {
    const caller = await freshActor(deps.db, deps.config, actor);
    if (!caller) return "end";
    const apiId = typeof event.payload.apiId === "string" ? event.payload.apiId : "";
    try {
      approvalPolicy.queue(caller);
    } catch {
      return undefined;
    }
    if (!mayApprove(caller, findApi(deps.config, apiId))) return undefined;
    const subscriptionId = event.subjectIds.subscriptionId ?? "";
    const pending = await findPendingRequest(deps.db, subscriptionId);
    const now = deps.clock().getTime();
    return {
      change: changeOf(event) ?? "requested",
      subscriptionId,
      apiId,
      occurredAt: event.occurredAt,
      request: pending
        ? {
            ...pending,
            waitingSeconds: Math.max(0, Math.floor((now - Date.parse(pending.requestedAt)) / 1000)),
          }
        : null,
    };
  });
}
