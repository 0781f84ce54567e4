import type { WebhookEvent } from "../portal-client.js";
import type { PortalLookups } from "../listener-kit/portal-lookups.js";
import type { MessageTemplateValues } from "../listener-kit/message-template.js";

/** Portal events the chatbot receives (its listener filter), each with the chat template it may send. */
export const chatTemplateOfEvent = {
  "user.created": "user-signed-up",
  "user.verified": "user-verified-email",
  "application.created": "application-created",
  "application.deleted": "application-deleted",
  "subscription.created": "subscription-created",
  "subscription.deleted": "subscription-deleted",
  "approval.requested": "approval-requested",
  "subscription.approved": "subscription-approved",
  "subscription.declined": "subscription-declined",
  "subscription.provisioning_failed": "subscription-provisioning-failed",
  "webhook_listener.dead_lettered": "listener-failing",
} as const satisfies Record<string, string>;

export type ChatEventName = keyof typeof chatTemplateOfEvent;
export const chatEventNames = Object.keys(chatTemplateOfEvent) as ChatEventName[];

/** What a message needs besides its template: the values of the placeholders and the portal page it is about. */
export interface ChatMessageContent {
  readonly template: string;
  readonly values: MessageTemplateValues;
  readonly link: string | null;
}

export interface PortalIdentity {
  readonly title: string;
  /** `portal.urls.portal`, without a trailing slash. */
  readonly url: string;
}

type Payload = Readonly<Record<string, unknown>>;

const text = (payload: Payload, field: string): string => {
  const value = payload[field];
  return typeof value === "string" ? value : "";
};
const nullableText = (payload: Payload, field: string): string | null => {
  const value = payload[field];
  return typeof value === "string" ? value : null;
};

/**
 * The message content for an event, or null when the event is not worth a message (a user created at boot or by
 * an administrator is no sign-up). Names the payload only identifies are looked up; what the portal no longer
 * knows is shown by id, so a message is never held back for a cosmetic detail.
 */
export async function chatMessageContent(
  event: WebhookEvent,
  portal: PortalIdentity,
  lookups: PortalLookups,
): Promise<ChatMessageContent | null> {
  if (!(event.name in chatTemplateOfEvent)) return null;
  const name = event.name as ChatEventName;
  const template = chatTemplateOfEvent[name];
  const payload = (event.payload ?? {}) as Payload;
  const actor = (event.actor ?? {}) as { kind?: string; id?: string | null };
  const page = (path: string) => `${portal.url}${path}`;
  const base = { "portal.title": portal.title, "portal.url": portal.url };

  const person = async (userId: string | null, fallbackEmail: string | null) => {
    const user = userId ? await lookups.user(userId) : null;
    const email = user?.email ?? fallbackEmail ?? (userId ? `user ${userId}` : "someone");
    return { "user.name": user?.name || email, "user.email": email };
  };
  const subscriptionValues = async () => {
    const applicationId = text(payload, "applicationId");
    const apiId = text(payload, "apiId");
    const planId = text(payload, "planId");
    const known = await lookups.subscription(text(payload, "subscriptionId"));
    const applicationName =
      nullableText(payload, "applicationName") ??
      known?.applicationName ??
      (await lookups.applicationName(applicationId)) ??
      applicationId;
    const apiName =
      nullableText(payload, "apiName") ?? known?.apiName ?? (await lookups.apiName(apiId)) ?? apiId;
    return {
      "application.id": applicationId,
      "application.name": applicationName,
      "api.id": apiId,
      "api.name": apiName,
      "plan.id": planId,
      "plan.name": nullableText(payload, "planName") ?? known?.planName ?? planId,
    };
  };
  const requester = () =>
    person(nullableText(payload, "requestedBy"), nullableText(payload, "requesterEmail"));
  const byActor = () => person(actor.kind === "user" ? (actor.id ?? null) : null, null);
  const applicationPage = () => page(`/applications/${encodeURIComponent(text(payload, "applicationId"))}`);

  switch (name) {
    case "user.created": {
      if (actor.kind !== "anonymous") return null;
      const email = text(payload, "email");
      const values = { ...base, "user.name": text(payload, "displayName") || email, "user.email": email };
      const link = page(`/admin/users/${encodeURIComponent(text(payload, "userId"))}`);
      return { template, values: { ...values, link }, link };
    }
    case "user.verified": {
      const user = await person(text(payload, "userId"), text(payload, "email"));
      return { template, values: { ...base, ...user }, link: null };
    }
    case "application.created": {
      const link = applicationPage();
      const values = {
        ...base,
        ...(await person(text(payload, "ownerId"), null)),
        "application.id": text(payload, "applicationId"),
        "application.name": text(payload, "name"),
        link,
      };
      return { template, values, link };
    }
    case "application.deleted": {
      const values = {
        ...base,
        ...(await byActor()),
        "application.id": text(payload, "applicationId"),
        "application.name": text(payload, "name"),
      };
      return { template, values, link: null };
    }
    case "subscription.created":
    case "subscription.approved": {
      const link = applicationPage();
      return {
        template,
        values: { ...base, ...(await requester()), ...(await subscriptionValues()), link },
        link,
      };
    }
    case "approval.requested": {
      const link = page("/approvals");
      return {
        template,
        values: { ...base, ...(await requester()), ...(await subscriptionValues()), link },
        link,
      };
    }
    case "subscription.deleted":
      return {
        template,
        values: { ...base, ...(await byActor()), ...(await subscriptionValues()) },
        link: null,
      };
    case "subscription.declined": {
      const values = {
        ...base,
        ...(await requester()),
        ...(await subscriptionValues()),
        reason: text(payload, "reason"),
      };
      return { template, values, link: null };
    }
    case "subscription.provisioning_failed": {
      const link = applicationPage();
      const values = {
        ...base,
        ...(await requester()),
        ...(await subscriptionValues()),
        reason: text(payload, "reason"),
        link,
      };
      return { template, values, link };
    }
    case "webhook_listener.dead_lettered": {
      const listenerId = text(payload, "listenerId");
      const listener = await lookups.listener(listenerId);
      const link = page("/admin/webhooks");
      const values = {
        ...base,
        "listener.id": listenerId,
        "listener.url": listener?.url ?? "(deleted)",
        failures: typeof payload.attempts === "number" ? payload.attempts : 0,
        lastError: text(payload, "reason"),
        link,
      };
      return { template, values, link };
    }
  }
}
