import { z } from "zod";
import { defineEvent } from "../events/event-definition.js";
import { subscriptionStatuses } from "./subscription.types.js";

const status = z.enum(subscriptionStatuses);
/** The API's authentication method; null when the API is no longer in the static configuration. */
const authMethod = z.enum(["key-auth", "oauth2", "none"]).nullable();

/** What every subscription event carries: the ids a listener (the gateway adapter, the mailer) acts on. */
const subscriptionRef = {
  subscriptionId: z.string(),
  applicationId: z.string(),
  apiId: z.string(),
  planId: z.string(),
  authMethod,
};

/** The user who asked for the subscription or the current plan, for the mailer; null when not a user. */
const requester = {
  requestedBy: z.string().nullable(),
  requesterEmail: z.string().nullable(),
};

const bySubject = (payload: { subscriptionId: string; applicationId: string }) => ({
  subscriptionId: payload.subscriptionId,
  applicationId: payload.applicationId,
});

/** Subscription events carry ids of credentials, never an API key or a client secret. */
export const subscriptionEvents = [
  defineEvent({
    name: "subscription.created",
    version: 1,
    description:
      "An application subscribed to an API. `status` is `pending_approval` (an approval.requested event follows) or `approved` (a subscription.approved event follows).",
    subject: bySubject,
    payload: z.object({ ...subscriptionRef, ...requester, status }),
  }),
  defineEvent({
    name: "subscription.approved",
    version: 1,
    description:
      "A subscription was approved (by an approver, or automatically for plans without approval) and its credentials were issued; the gateway adapter provisions them.",
    subject: bySubject,
    payload: z.object({
      ...subscriptionRef,
      ...requester,
      /** `pending_approval` when it left the approval queue; null for a new subscription or a plan change. */
      previousStatus: status.nullable(),
      automatic: z.boolean(),
      approvedBy: z.string().nullable(),
      credentialIds: z.array(z.string()),
    }),
  }),
  defineEvent({
    name: "subscription.declined",
    version: 1,
    description: "An approver declined a subscription request; the reason is shown to the requester.",
    subject: bySubject,
    payload: z.object({
      ...subscriptionRef,
      ...requester,
      reason: z.string(),
      declinedBy: z.string().nullable(),
    }),
  }),
  defineEvent({
    name: "subscription.plan_changed",
    version: 1,
    description:
      "A subscription's plan changed. `status` is the new status: `pending_approval` when the new plan needs approval (its credentials were revoked: `revokedCredentialIds`), otherwise unchanged or `approved`.",
    subject: bySubject,
    payload: z.object({
      ...subscriptionRef,
      ...requester,
      previousPlanId: z.string(),
      previousStatus: status,
      status,
      revokedCredentialIds: z.array(z.string()),
    }),
  }),
  defineEvent({
    name: "subscription.credentials_rotated",
    version: 1,
    description:
      "New credentials were issued for a subscription; the previous ones stay valid until their `expiresAt` (at once when the overlap is 0). The gateway carries both until then.",
    subject: bySubject,
    payload: z.object({
      ...subscriptionRef,
      status,
      newCredentialIds: z.array(z.string()),
      previousCredentials: z.array(z.object({ credentialId: z.string(), expiresAt: z.string() })),
    }),
  }),
  defineEvent({
    name: "subscription.deleted",
    version: 1,
    description:
      "A subscription was removed (unsubscribed, or its application was deleted) with all its credentials.",
    subject: bySubject,
    payload: z.object({
      ...subscriptionRef,
      /** The status it had: `pending_approval` means the request left the approval queue. */
      status,
      reason: z.enum(["unsubscribed", "application_deleted"]),
      credentialIds: z.array(z.string()),
    }),
  }),
  defineEvent({
    name: "subscription.provisioned",
    version: 1,
    description:
      "The gateway adapter reported that the subscription's credentials and plan are live at the gateway.",
    subject: bySubject,
    payload: z.object({ ...subscriptionRef, ...requester, reportedBy: z.string().nullable() }),
  }),
  defineEvent({
    name: "subscription.provisioning_failed",
    version: 1,
    description:
      "The gateway adapter reported that it could not provision the subscription, with the reason.",
    subject: bySubject,
    payload: z.object({
      ...subscriptionRef,
      ...requester,
      reason: z.string(),
      reportedBy: z.string().nullable(),
    }),
  }),
] as const;
