import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import type { Application } from "../applications/application.types.js";
import type { CredentialIssuer } from "../credentials/credential-issuer.js";
import type { Credential } from "../credentials/credential.types.js";
import type { Tables } from "../database/tables.js";
import { appendEvent } from "../events/outbox.repository.js";
import type { Api, Plan } from "../static-config/static-config.js";
import { eventRef, requesterOf } from "./subscription-event-ref.js";
import type { Subscription, SubscriptionStatus } from "./subscription.types.js";

/** The two things that happen when a subscription becomes `approved` or `pending_approval`. */
export interface ApprovalStep {
  readonly trx: Kysely<Tables>;
  readonly actor: Actor;
  /** The subscription as stored after the change. */
  readonly subscription: Subscription;
  readonly application: Application;
  readonly api: Api;
  readonly now: Date;
}

/**
 * Issues the credentials of a subscription that was just approved and announces it (`subscription.approved`),
 * in the transaction of the approval.
 */
export async function grantAccess(
  issuer: CredentialIssuer,
  step: ApprovalStep,
  approval: { readonly previousStatus: SubscriptionStatus | null; readonly automatic: boolean },
): Promise<Credential[]> {
  const { trx, actor, subscription, application, api, now } = step;
  const credential = await issuer.issue(
    trx,
    { subscriptionId: subscription.id, auth: api.auth, clientType: application.clientType },
    now,
  );
  const credentials = credential ? [credential] : [];
  await appendEvent(
    trx,
    actor,
    "subscription.approved",
    {
      ...eventRef(subscription, api),
      ...(await requesterOf(trx, subscription, actor)),
      previousStatus: approval.previousStatus,
      automatic: approval.automatic,
      approvedBy: subscription.approvedBy,
      credentialIds: credentials.map((c) => c.id),
    },
    now,
  );
  return credentials;
}

/** Puts a subscription in the approval queue: `approval.requested`, which the mailer sends to the approvers. */
export async function askForApproval(step: ApprovalStep, plan: Plan): Promise<void> {
  const { trx, actor, subscription, application, api, now } = step;
  await appendEvent(
    trx,
    actor,
    "approval.requested",
    {
      subscriptionId: subscription.id,
      applicationId: application.id,
      applicationName: application.name,
      apiId: api.id,
      apiName: api.name,
      planId: plan.id,
      planName: plan.name,
      requiredGroup: api.requiredGroup ?? null,
      ...(await requesterOf(trx, subscription, actor)),
    },
    now,
  );
}
