import type { WebhookEvent } from "../portal-client.js";
import type { MailLookups, MailRecipient, SubscriptionNames } from "./mail-lookups.js";

/** The events the mailer listens to (its filter at the portal). */
export const mailEventNames = [
  "user.verification_requested",
  "user.password_reset_requested",
  "user.email_change_requested",
  "approval.requested",
  "subscription.approved",
  "subscription.declined",
  "subscription.provisioned",
  "subscription.credentials_rotated",
  "webhook_listener.dead_lettered",
] as const;

/** One mail to send: which template, to whom, with which values (every variable the template may use). */
export interface PlannedMail {
  readonly template: string;
  readonly recipient: MailRecipient;
  readonly values: Readonly<Record<string, string | number>>;
}

export interface MailContext {
  readonly portalTitle: string;
  readonly portalUrl: string;
  readonly lookups: MailLookups;
  readonly now: () => Date;
}

type Payload = Readonly<Record<string, unknown>>;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

function text(payload: Payload, field: string): string {
  const value = payload[field];
  if (typeof value !== "string") throw new Error(`the event payload has no text field "${field}"`);
  return value;
}

/** When the event happened (ISO-8601); the delivery time when a listener gets an event without it. */
function occurredAt(event: WebhookEvent): string {
  return typeof event.occurredAt === "string" ? event.occurredAt : new Date().toISOString();
}

function optionalText(payload: Payload, field: string): string | null {
  const value = payload[field];
  return typeof value === "string" ? value : null;
}

/** Hours from the event to the link's expiry, rounded (the templates say "valid for N hours"). */
function hoursUntil(expiresAt: string, from: string): number {
  return Math.max(1, Math.round((Date.parse(expiresAt) - Date.parse(from)) / HOUR_MS));
}

function personValues(context: MailContext, recipient: MailRecipient): Record<string, string> {
  return {
    "portal.title": context.portalTitle,
    "portal.url": context.portalUrl,
    "user.name": recipient.name,
    "user.email": recipient.email,
  };
}

function link(context: MailContext, path: string): string {
  return `${context.portalUrl}${path}`;
}

async function subscriptionValues(context: MailContext, payload: Payload): Promise<Record<string, string>> {
  const applicationId = text(payload, "applicationId");
  const apiId = text(payload, "apiId");
  const planId = text(payload, "planId");
  const names: SubscriptionNames | null = await context.lookups.subscription(text(payload, "subscriptionId"));
  const applicationName =
    names?.applicationName ?? (await context.lookups.applicationName(applicationId)) ?? applicationId;
  return {
    "application.id": applicationId,
    "application.name": applicationName,
    "api.id": apiId,
    "api.name": names?.apiName ?? apiId,
    "plan.id": planId,
    "plan.name": names?.planName ?? planId,
  };
}

/** The requester of a subscription, or the application's owners when no user asked (an administrator's script). */
async function subscriptionRecipients(
  context: MailContext,
  payload: Payload,
): Promise<readonly MailRecipient[]> {
  const requestedBy = optionalText(payload, "requestedBy");
  const requester = requestedBy === null ? null : await context.lookups.recipient(requestedBy);
  if (requester) return [requester];
  return context.lookups.applicationOwners(text(payload, "applicationId"));
}

/** A one-time link mail to the address in the event (the link is in the payload on purpose: docs/accounts.md). */
function accountLinkMail(
  context: MailContext,
  event: WebhookEvent,
  template: string,
  to: {
    readonly email: string;
    readonly name: string;
    readonly locale: string | null;
    readonly userId: string;
  },
  extra: Record<string, string> = {},
): PlannedMail {
  const payload = event.payload as Payload;
  const recipient: MailRecipient = to;
  return {
    template,
    recipient,
    values: {
      ...personValues(context, recipient),
      ...extra,
      link: text(payload, "link"),
      expiresInHours: hoursUntil(text(payload, "expiresAt"), occurredAt(event)),
    },
  };
}

/** The mails an event asks for (none for events the mailer does not send anything about). */
export async function plannedMails(
  context: MailContext,
  event: WebhookEvent,
): Promise<readonly PlannedMail[]> {
  const payload = (event.payload ?? {}) as Payload;
  switch (event.name) {
    case "user.verification_requested":
    case "user.password_reset_requested":
    case "user.email_change_requested": {
      const userId = text(payload, "userId");
      // The locale comes from the account; the address and name from the event (the account may change later).
      const locale = (await context.lookups.recipient(userId))?.locale ?? null;
      const name = text(payload, "displayName");
      if (event.name === "user.email_change_requested") {
        const newEmail = text(payload, "newEmail");
        return [
          accountLinkMail(
            context,
            event,
            "email-change",
            { userId, email: newEmail, name, locale },
            { newEmail },
          ),
        ];
      }
      const template = event.name === "user.verification_requested" ? "verify-email" : "password-reset";
      return [
        accountLinkMail(context, event, template, { userId, email: text(payload, "email"), name, locale }),
      ];
    }
    case "approval.requested": {
      const approvers = await context.lookups.approvers(optionalText(payload, "requiredGroup"));
      const requestedBy = optionalText(payload, "requestedBy");
      const requester = requestedBy === null ? null : await context.lookups.recipient(requestedBy);
      const requesterEmail = optionalText(payload, "requesterEmail") ?? requester?.email ?? "";
      const subscriptionId = text(payload, "subscriptionId");
      const values = {
        "application.id": text(payload, "applicationId"),
        "application.name": text(payload, "applicationName"),
        "api.id": text(payload, "apiId"),
        "api.name": text(payload, "apiName"),
        "plan.id": text(payload, "planId"),
        "plan.name": text(payload, "planName"),
        "requester.name": requester?.name ?? (requesterEmail || "a service account"),
        "requester.email": requesterEmail,
        link: link(context, `/approvals?subscription=${encodeURIComponent(subscriptionId)}`),
      };
      return approvers.map((recipient) => ({
        template: "approval-requested",
        recipient,
        values: { ...personValues(context, recipient), ...values },
      }));
    }
    case "subscription.approved":
    case "subscription.declined":
    case "subscription.provisioned": {
      // An automatic approval answers the user's own click at once; only a decision someone made is news.
      if (event.name === "subscription.approved" && payload["automatic"] === true) return [];
      const recipients = await subscriptionRecipients(context, payload);
      if (recipients.length === 0) return [];
      const subscription = await subscriptionValues(context, payload);
      const applicationLink = link(
        context,
        `/applications/${encodeURIComponent(text(payload, "applicationId"))}`,
      );
      const template = event.name.replace(".", "-");
      const extra: Record<string, string> =
        event.name === "subscription.declined" ? { reason: text(payload, "reason") } : {};
      return recipients.map((recipient) => ({
        template,
        recipient,
        values: { ...personValues(context, recipient), ...subscription, ...extra, link: applicationLink },
      }));
    }
    case "subscription.credentials_rotated":
      return keyExpiringMails(context, payload);
    case "webhook_listener.dead_lettered": {
      const listenerId = text(payload, "listenerId");
      const administrators = await context.lookups.administrators();
      const url = (await context.lookups.listenerUrl(listenerId)) ?? "(deleted)";
      const values = {
        "listener.id": listenerId,
        "listener.url": url,
        failures: Number(payload["attempts"] ?? 0),
        lastError: text(payload, "reason"),
        since: occurredAt(event),
        link: link(context, "/admin/webhooks"),
      };
      return administrators.map((recipient) => ({
        template: "listener-failing",
        recipient,
        values: { ...personValues(context, recipient), ...values },
      }));
    }
    default:
      return [];
  }
}

/**
 * A rotation keeps the old key valid until its `expiresAt`; the application's owners learn at once when that is,
 * so they can switch their clients in time. (The portal has no scheduler that could remind them later.)
 */
async function keyExpiringMails(context: MailContext, payload: Payload): Promise<readonly PlannedMail[]> {
  const previous = Array.isArray(payload["previousCredentials"])
    ? (payload["previousCredentials"] as { expiresAt?: unknown }[])
    : [];
  const now = context.now().getTime();
  const expiries = previous
    .map((credential) => (typeof credential.expiresAt === "string" ? credential.expiresAt : null))
    .filter((at): at is string => at !== null && Date.parse(at) > now)
    .sort();
  const first = expiries[0];
  if (first === undefined) return [];
  const owners = await context.lookups.applicationOwners(text(payload, "applicationId"));
  if (owners.length === 0) return [];
  const subscription = await subscriptionValues(context, payload);
  const values = {
    ...subscription,
    expiresAt: first,
    daysLeft: Math.max(0, Math.ceil((Date.parse(first) - now) / DAY_MS)),
    link: link(context, `/applications/${encodeURIComponent(text(payload, "applicationId"))}`),
  };
  return owners.map((recipient) => ({
    template: "key-expiring",
    recipient,
    values: { ...personValues(context, recipient), ...values },
  }));
}
