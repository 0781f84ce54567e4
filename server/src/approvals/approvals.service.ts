import type { Kysely } from "kysely";
import { z } from "zod";
import { actorId, type Actor } from "../actor/actor.js";
import { findApplicationById } from "../applications/application.repository.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { CredentialIssuer } from "../credentials/credential-issuer.js";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { toPage, type Page, type PageRequest } from "../graphql/connection.js";
import { findApi, type StaticConfig } from "../static-config/static-config.js";
import { grantAccess } from "../subscriptions/subscription-lifecycle.js";
import { eventRef, requesterOf } from "../subscriptions/subscription-event-ref.js";
import { recordStatus, withStatus } from "../subscriptions/subscription-status-change.js";
import {
  findSubscriptionById,
  updateSubscriptionIfStatus,
} from "../subscriptions/subscription.repository.js";
import type { Subscription } from "../subscriptions/subscription.types.js";
import { reasonSchema } from "../subscriptions/subscriptions.service.js";
import { approvableApiIds, approvalPolicy } from "./approval.policy.js";
import { listPendingRequests } from "./approval.repository.js";
import type { ApprovalRequest } from "./approval.types.js";
import type { LiveEventFeed } from "../events/live-event-feed.js";
import { followApprovalQueue, type ApprovalQueueChange } from "./approval-live.js";

const subscriptionId = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(200, "must be at most 200 characters");
const approveSchema = z.object({ subscriptionId });
const declineSchema = z.object({ subscriptionId, reason: reasonSchema });

export interface ApprovalServiceDeps {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly clock: () => Date;
  readonly issuer: CredentialIssuer;
}

/** The approval queue and the decisions on it. */
export class ApprovalService {
  constructor(private readonly deps: ApprovalServiceDeps) {}

  /**
   * Pending requests the caller decides on, oldest first: every one for administrators; for approvers those of
   * APIs whose required group is one of theirs.
   */
  async queue(actor: Actor, page: PageRequest): Promise<Page<ApprovalRequest>> {
    const authenticated = approvalPolicy.queue(actor);
    checkCursor(page);
    const apiIds =
      authenticated.kind === "system" || (authenticated.kind === "user" && authenticated.isAdmin)
        ? null
        : approvableApiIds(this.deps.config, authenticated);
    const { rows, totalCount } = await listPendingRequests(this.deps.db, apiIds, page);
    const now = this.deps.clock().getTime();
    const requests = rows.map((row) => ({
      ...row,
      waitingSeconds: Math.max(0, Math.floor((now - Date.parse(row.requestedAt)) / 1000)),
    }));
    return toPage(requests, page, totalCount, (request) => [request.requestedAt, request.subscription.id]);
  }

  /** Live changes of the queue the caller sees (see `approval-live.ts`); refuses before the stream opens. */
  followQueue(actor: Actor, feed: LiveEventFeed): AsyncIterableIterator<ApprovalQueueChange> {
    return followApprovalQueue(this.deps, feed, actor);
  }

  /** Approves a pending subscription and issues its credentials. */
  async approve(actor: Actor, input: unknown): Promise<Subscription> {
    approvalPolicy.mayAttemptDecision(actor);
    const parsed = parseInput(approveSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const { before, api } = await this.loadPending(trx, actor, parsed.subscriptionId);
      const application = await findApplicationById(trx, before.applicationId);
      if (!application || !api) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `API "${before.apiId}" is no longer offered; decline the request`,
        );
      }
      const after: Subscription = {
        ...withStatus(before, "approved", null, now),
        approvedAt: now.toISOString(),
        approvedBy: actorId(actor),
      };
      if (!(await updateSubscriptionIfStatus(trx, after, ["pending_approval"])))
        throw decidedMeanwhile(before.id);
      await recordStatus(trx, actor, after);
      const credentials = await grantAccess(
        this.deps.issuer,
        { trx, actor, subscription: after, application, api, now },
        { previousStatus: "pending_approval", automatic: false },
      );
      await recordAudit(
        trx,
        actor,
        {
          action: "subscription.approved",
          target: { type: "subscription", id: after.id },
          summary: {
            applicationId: after.applicationId,
            apiId: after.apiId,
            planId: after.planId,
            requestedBy: after.requestedBy,
            credentialIds: credentials.map((c) => c.id),
          },
        },
        now,
      );
      return after;
    });
  }

  /** Declines a pending subscription with a reason the requester sees on it. */
  async decline(actor: Actor, input: unknown): Promise<Subscription> {
    approvalPolicy.mayAttemptDecision(actor);
    const parsed = parseInput(declineSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const { before, api } = await this.loadPending(trx, actor, parsed.subscriptionId);
      const after = withStatus(before, "declined", parsed.reason, now);
      if (!(await updateSubscriptionIfStatus(trx, after, ["pending_approval"])))
        throw decidedMeanwhile(before.id);
      await recordStatus(trx, actor, after);
      await appendEvent(
        trx,
        actor,
        "subscription.declined",
        {
          ...eventRef(after, api),
          ...(await requesterOf(trx, after, actor)),
          reason: parsed.reason,
          declinedBy: actorId(actor),
        },
        now,
      );
      await recordAudit(
        trx,
        actor,
        {
          action: "subscription.declined",
          target: { type: "subscription", id: after.id },
          summary: {
            applicationId: after.applicationId,
            apiId: after.apiId,
            planId: after.planId,
            requestedBy: after.requestedBy,
            reason: parsed.reason,
          },
        },
        now,
      );
      return after;
    });
  }

  /** The pending subscription, after checking the caller decides on its API (FORBIDDEN first, then state). */
  private async loadPending(trx: Kysely<Tables>, actor: Actor, id: string) {
    const before = await findSubscriptionById(trx, id);
    if (!before) throw DomainError.notFound("Subscription", id);
    const api = findApi(this.deps.config, before.apiId);
    approvalPolicy.decide(actor, before, api);
    if (before.status !== "pending_approval") {
      throw new DomainError(
        ErrorCode.CONFLICT,
        `Subscription "${id}" is ${before.status}, not waiting for approval`,
      );
    }
    return { before, api };
  }
}

function decidedMeanwhile(id: string): DomainError {
  return new DomainError(
    ErrorCode.CONFLICT,
    `Subscription "${id}" was decided on or changed by someone else meanwhile; reload the queue`,
  );
}

/** The queue's cursor is `[requestedAt, subscriptionId]`; anything else did not come from this connection. */
function checkCursor(page: PageRequest): void {
  if (page.after === null) return;
  if (page.after.length === 2 && page.after.every((part) => typeof part === "string")) return;
  throw DomainError.validation([
    { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of this list" },
  ]);
}
