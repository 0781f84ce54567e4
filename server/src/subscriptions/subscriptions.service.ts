import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import { actorId, type Actor } from "../actor/actor.js";
import type { Application, ApplicationRole } from "../applications/application.types.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { CredentialIssuer } from "../credentials/credential-issuer.js";
import {
  credentialIdsOfSubscription,
  revokeValidCredentialsOf,
} from "../credentials/credential.repository.js";
import type { Tables } from "../database/tables.js";
import { requireAuthenticated } from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { findApi, findPlan, type StaticConfig } from "../static-config/static-config.js";
import { findApplicationWithRole } from "../applications/application.repository.js";
import { loadApplicationAccess } from "../applications/application-access.js";
import type { ApplicationHooks } from "../applications/application.hooks.js";
import { askForApproval, grantAccess } from "./subscription-lifecycle.js";
import { eventRef, requesterOf } from "./subscription-event-ref.js";
import {
  allowedPlan,
  alreadySubscribed,
  requireRedirectUriIfNeeded,
  subscribableApi,
} from "./subscription-rules.js";
import { recordStatus, withStatus } from "./subscription-status-change.js";
import { subscriptionPolicy } from "./subscription.policy.js";
import {
  deleteSubscriptionById,
  findSubscriptionById,
  insertSubscription,
  listStatusHistoryOf,
  listSubscriptionsOfApplications,
  updateSubscriptionIfStatus,
} from "./subscription.repository.js";
import { isActive, type StatusHistoryEntry, type Subscription } from "./subscription.types.js";
import { isUniqueViolation } from "./unique-violation.js";
import type { LiveEventFeed } from "../events/live-event-feed.js";
import { followSubscriptionChanges, type SubscriptionStatusChange } from "./subscription-live.js";

const id = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
export const MAX_REASON_LENGTH = 1000;
export const reasonSchema = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .max(MAX_REASON_LENGTH, `must be at most ${MAX_REASON_LENGTH} characters`);

const subscribeSchema = z.object({ applicationId: id, apiId: id, planId: id });
const unsubscribeSchema = z.object({ subscriptionId: id });
const changePlanSchema = z.object({ subscriptionId: id, planId: id });
const provisioningSchema = z
  .object({
    subscriptionId: id,
    status: z.enum(["provisioned", "provisioning_failed"], "must be PROVISIONED or PROVISIONING_FAILED"),
    reason: reasonSchema.nullish(),
  })
  .superRefine((input, context) => {
    if (input.status === "provisioning_failed" && !input.reason) {
      context.addIssue({ code: "custom", path: ["reason"], message: "is required when provisioning failed" });
    }
  });

export interface SubscriptionServiceDeps {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly clock: () => Date;
  readonly issuer: CredentialIssuer;
  /** The applications' hooks, for deciding who may read an application (approvers). */
  readonly hooks: readonly ApplicationHooks[];
}

/** A subscription the caller may see, with what its field resolvers need to decide. */
export interface VisibleSubscription {
  readonly subscription: Subscription;
  /** The caller's role in the subscription's application (null: not a member). */
  readonly role: ApplicationRole | null;
}

/**
 * Subscribing applications to APIs, unsubscribing, changing plans, provisioning receipts, and reading
 * subscriptions. Deciding on requests is `approvals/`; rotating credentials is `credentials/`.
 */
export class SubscriptionService {
  constructor(private readonly deps: SubscriptionServiceDeps) {}

  /**
   * Subscribes an application to an API with a plan. Plans that need approval create a pending subscription and
   * an approval request; otherwise it is approved at once and its credentials are issued.
   */
  async subscribe(actor: Actor, input: unknown): Promise<Subscription> {
    subscriptionPolicy.mayAttemptChange(actor);
    const { applicationId, apiId, planId } = parseInput(subscribeSchema, input);
    const { db, config } = this.deps;
    const now = this.deps.clock();
    try {
      return await db.transaction().execute(async (trx) => {
        const access = await loadApplicationAccess(trx, this.deps.hooks, actor, applicationId);
        if (!access) throw DomainError.notFound("Application", applicationId);
        subscriptionPolicy.subscribe(actor, access);
        const api = subscribableApi(config, actor, apiId);
        const plan = allowedPlan(config, actor, api, planId);
        requireRedirectUriIfNeeded(api, access.application);
        const at = now.toISOString();
        const subscription: Subscription = {
          id: randomUUID(),
          applicationId,
          apiId,
          planId,
          status: plan.needsApproval ? "pending_approval" : "approved",
          statusReason: null,
          statusChangedAt: at,
          requestedBy: actor.kind === "user" ? actor.userId : null,
          approvedAt: plan.needsApproval ? null : at,
          approvedBy: null,
          createdAt: at,
          updatedAt: at,
        };
        await insertSubscription(trx, subscription);
        await recordStatus(trx, actor, subscription);
        await appendEvent(
          trx,
          actor,
          "subscription.created",
          {
            ...eventRef(subscription, api),
            ...(await requesterOf(trx, subscription, actor)),
            status: subscription.status,
          },
          now,
        );
        const step = { trx, actor, subscription, application: access.application, api, now };
        const credentials = plan.needsApproval
          ? (await askForApproval(step, plan), [])
          : await grantAccess(this.deps.issuer, step, { previousStatus: null, automatic: true });
        await recordAudit(
          trx,
          actor,
          {
            action: "subscription.created",
            target: { type: "subscription", id: subscription.id },
            summary: {
              applicationId,
              apiId,
              planId,
              status: subscription.status,
              credentialIds: credentials.map((c) => c.id),
            },
          },
          now,
        );
        return subscription;
      });
    } catch (error) {
      // One subscription per application and API is the unique constraint's to enforce: no select before the insert.
      if (isUniqueViolation(error)) throw alreadySubscribed(applicationId, apiId);
      throw error;
    }
  }

  /** Removes a subscription and its credentials. */
  async unsubscribe(actor: Actor, input: unknown): Promise<Subscription> {
    subscriptionPolicy.mayAttemptChange(actor);
    const { subscriptionId } = parseInput(unsubscribeSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const { subscription, role } = await this.loadForChange(trx, actor, subscriptionId);
      subscriptionPolicy.manage(actor, role);
      await this.remove(trx, actor, subscription, "unsubscribed", now);
      return subscription;
    });
  }

  /**
   * Moves a subscription to another plan of its API. A plan that needs approval sends it back to the approval
   * queue and revokes its credentials (they exist only for approved subscriptions); otherwise an approved
   * subscription stays as it is, and a pending or declined one is approved at once.
   */
  async changePlan(actor: Actor, input: unknown): Promise<Subscription> {
    subscriptionPolicy.mayAttemptChange(actor);
    const { subscriptionId, planId } = parseInput(changePlanSchema, input);
    const { config } = this.deps;
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const {
        subscription: before,
        role,
        application,
      } = await this.loadForChange(trx, actor, subscriptionId);
      subscriptionPolicy.manage(actor, role);
      const api = findApi(config, before.apiId);
      if (!api) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `API "${before.apiId}" is no longer offered; unsubscribe instead of changing the plan`,
        );
      }
      const plan = allowedPlan(config, actor, api, planId);
      if (plan.id === before.planId && before.status !== "declined") {
        throw DomainError.validation([
          { field: "planId", code: "UNCHANGED", message: `is already the plan of this subscription` },
        ]);
      }
      const requestedBy = actor.kind === "user" ? actor.userId : before.requestedBy;
      let after: Subscription = { ...before, planId: plan.id, requestedBy, updatedAt: now.toISOString() };
      let revoked: string[] = [];
      if (plan.needsApproval) {
        after = { ...withStatus(after, "pending_approval", null, now), approvedAt: null, approvedBy: null };
        revoked = await revokeValidCredentialsOf(trx, before.id, now);
      } else if (!isActive(before.status)) {
        after = {
          ...withStatus(after, "approved", null, now),
          approvedAt: now.toISOString(),
          approvedBy: null,
        };
      }
      if (!(await updateSubscriptionIfStatus(trx, after, [before.status]))) throw changedMeanwhile(before.id);
      if (after.status !== before.status) await recordStatus(trx, actor, after);
      await appendEvent(
        trx,
        actor,
        "subscription.plan_changed",
        {
          ...eventRef(after, api),
          ...(await requesterOf(trx, after, actor)),
          previousPlanId: before.planId,
          previousStatus: before.status,
          status: after.status,
          revokedCredentialIds: revoked,
        },
        now,
      );
      const step = { trx, actor, subscription: after, application, api, now };
      if (after.status === "pending_approval") await askForApproval(step, plan);
      if (after.status === "approved" && !isActive(before.status)) {
        await grantAccess(this.deps.issuer, step, { previousStatus: before.status, automatic: true });
      }
      await recordAudit(
        trx,
        actor,
        {
          action: "subscription.plan_changed",
          target: { type: "subscription", id: before.id },
          summary: { from: before.planId, to: plan.id, status: after.status, revokedCredentialIds: revoked },
        },
        now,
      );
      return after;
    });
  }

  /**
   * The gateway adapter's receipt: PROVISIONED, or PROVISIONING_FAILED with the reason. Only for subscriptions
   * that have credentials (approved, provisioned or failed before). Repeating the current status and reason
   * changes nothing, so adapters may retry.
   */
  async reportProvisioning(actor: Actor, input: unknown): Promise<Subscription> {
    subscriptionPolicy.reportProvisioning(actor);
    const { subscriptionId, status, reason } = parseInput(provisioningSchema, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const before = await findSubscriptionById(trx, subscriptionId);
      if (!before) throw DomainError.notFound("Subscription", subscriptionId);
      if (!isActive(before.status)) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Subscription "${subscriptionId}" is ${before.status} and has nothing to provision`,
        );
      }
      const statusReason = reason ?? null;
      if (before.status === status && before.statusReason === statusReason) return before;
      const after = withStatus(before, status, statusReason, now);
      if (!(await updateSubscriptionIfStatus(trx, after, [before.status]))) throw changedMeanwhile(before.id);
      await recordStatus(trx, actor, after);
      const api = findApi(this.deps.config, after.apiId);
      const common = {
        ...eventRef(after, api),
        ...(await requesterOf(trx, after, actor)),
        reportedBy: actorId(actor),
      };
      if (status === "provisioned") await appendEvent(trx, actor, "subscription.provisioned", common, now);
      else
        await appendEvent(
          trx,
          actor,
          "subscription.provisioning_failed",
          { ...common, reason: statusReason ?? "" },
          now,
        );
      await recordAudit(
        trx,
        actor,
        {
          action: `subscription.${status}`,
          target: { type: "subscription", id: after.id },
          summary: { applicationId: after.applicationId, apiId: after.apiId, reason: statusReason },
        },
        now,
      );
      return after;
    });
  }

  /** One subscription the caller may see. */
  async get(actor: Actor, subscriptionId: string): Promise<VisibleSubscription> {
    const subscription = await findSubscriptionById(this.deps.db, subscriptionId);
    if (!subscription) {
      requireAuthenticated(actor);
      throw DomainError.notFound("Subscription", subscriptionId);
    }
    const found = await findApplicationWithRole(
      this.deps.db,
      subscription.applicationId,
      actor.kind === "user" ? actor.userId : null,
    );
    const role = found?.role ?? null;
    subscriptionPolicy.read(actor, role, findApi(this.deps.config, subscription.apiId));
    return { subscription, role };
  }

  /** The API of a subscription as the subscription shows it (the id when it is no longer configured). */
  apiSummary(apiId: string): { readonly id: string; readonly name: string } {
    return { id: apiId, name: findApi(this.deps.config, apiId)?.name ?? apiId };
  }

  /** The plan of a subscription as the subscription shows it (the id when it is no longer configured). */
  planSummary(planId: string): {
    readonly id: string;
    readonly name: string;
    readonly needsApproval: boolean;
  } {
    const plan = findPlan(this.deps.config, planId);
    return { id: planId, name: plan?.name ?? planId, needsApproval: plan?.needsApproval ?? false };
  }

  /**
   * The subscriptions of many applications the caller reads (the `Application.subscriptions` field), given the
   * caller's role in each; one statement. Members, administrators and service accounts see all of an
   * application's subscriptions; approvers who are not members only those of APIs they decide on.
   */
  async subscriptionsOfApplications(
    actor: Actor,
    applications: readonly { readonly applicationId: string; readonly role: ApplicationRole | null }[],
  ): Promise<VisibleSubscription[][]> {
    const rows = await listSubscriptionsOfApplications(this.deps.db, [
      ...new Set(applications.map((a) => a.applicationId)),
    ]);
    return applications.map(({ applicationId, role }) =>
      rows
        .filter((subscription) => subscription.applicationId === applicationId)
        .filter((subscription) =>
          subscriptionPolicy.canRead(actor, role, findApi(this.deps.config, subscription.apiId)),
        )
        .map((subscription) => ({ subscription, role })),
    );
  }

  /**
   * The status history of subscriptions the caller already read (through {@link get} or
   * {@link subscriptionsOfApplications}), oldest first; one statement for all of them.
   */
  async historyOf(subscriptions: readonly Subscription[]): Promise<StatusHistoryEntry[][]> {
    const entries = await listStatusHistoryOf(
      this.deps.db,
      subscriptions.map((s) => s.id),
    );
    return subscriptions.map((subscription) =>
      entries.filter((entry) => entry.subscriptionId === subscription.id),
    );
  }

  /**
   * Live changes of an application's subscriptions, for its members and administrators (see
   * `subscription-live.ts`); refuses before the stream opens.
   */
  followChanges(
    actor: Actor,
    applicationId: string,
    feed: LiveEventFeed,
  ): Promise<AsyncIterableIterator<SubscriptionStatusChange>> {
    return followSubscriptionChanges(this.deps, feed, actor, applicationId);
  }

  /**
   * Removes every subscription of an application that is being deleted, with one `subscription.deleted` event
   * and audit entry each, in the deletion's transaction (the applications noun's `beforeApplicationDelete` hook).
   */
  async removeAllOfApplication(trx: Kysely<Tables>, actor: Actor, application: Application): Promise<void> {
    const now = this.deps.clock();
    for (const subscription of await listSubscriptionsOfApplications(trx, [application.id])) {
      await this.remove(trx, actor, subscription, "application_deleted", now);
    }
  }

  private async remove(
    trx: Kysely<Tables>,
    actor: Actor,
    subscription: Subscription,
    reason: "unsubscribed" | "application_deleted",
    now: Date,
  ): Promise<void> {
    const credentialIds = await credentialIdsOfSubscription(trx, subscription.id);
    if (!(await deleteSubscriptionById(trx, subscription.id))) throw changedMeanwhile(subscription.id);
    const api = findApi(this.deps.config, subscription.apiId);
    await appendEvent(
      trx,
      actor,
      "subscription.deleted",
      { ...eventRef(subscription, api), status: subscription.status, reason, credentialIds },
      now,
    );
    await recordAudit(
      trx,
      actor,
      {
        action: "subscription.deleted",
        target: { type: "subscription", id: subscription.id },
        summary: {
          applicationId: subscription.applicationId,
          apiId: subscription.apiId,
          reason,
          credentialIds,
        },
      },
      now,
    );
  }

  /** The subscription, its application and the caller's role, for a change; FORBIDDEN to non-readers. */
  private async loadForChange(
    trx: Kysely<Tables>,
    actor: Actor,
    subscriptionId: string,
  ): Promise<{ subscription: Subscription; role: ApplicationRole | null; application: Application }> {
    const subscription = await findSubscriptionById(trx, subscriptionId);
    if (!subscription) throw DomainError.notFound("Subscription", subscriptionId);
    const found = await findApplicationWithRole(
      trx,
      subscription.applicationId,
      actor.kind === "user" ? actor.userId : null,
    );
    if (!found) throw DomainError.notFound("Subscription", subscriptionId);
    return { subscription, role: found.role, application: found.application };
  }
}

function changedMeanwhile(subscriptionId: string): DomainError {
  return new DomainError(
    ErrorCode.CONFLICT,
    `Subscription "${subscriptionId}" was changed by someone else meanwhile; reload it and try again`,
  );
}
