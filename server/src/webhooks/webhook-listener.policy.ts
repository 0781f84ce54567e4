import type { Actor } from "../actor/actor.js";
import { requireAdmin, requireAuthenticated, requireWriteScope } from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import { isDeliveryAccount, type WebhookAccess } from "./webhook-access.js";
import type { ListenerOwner, WebhookListener } from "./webhook-listener.types.js";

/**
 * Who may do what with webhook listeners (REST facade):
 * - service accounts register listeners and manage the ones they registered; another account's listener is
 *   FORBIDDEN (a "foreign listener");
 * - the delivery accounts (the bridge) also read and acknowledge every listener;
 * - administrators and the system manage every listener; other users may not use webhooks at all;
 * - every change needs the write scope (read-only accounts and tokens only read).
 * Callers who may never use webhooks are refused before any listener is looked up.
 */
export function webhookListenerPolicy(access: WebhookAccess) {
  const isOwner = (actor: Actor, listener: WebhookListener) =>
    actor.kind === "service"
      ? listener.owner.kind === "service" && listener.owner.id === actor.serviceAccountId
      : actor.kind === "user"
        ? listener.owner.kind === "user" && listener.owner.id === actor.userId
        : false;

  const foreign = (listener: WebhookListener) =>
    DomainError.forbidden(
      `Webhook listener "${listener.id}" was registered by ${listener.owner.kind} "${listener.owner.id}"; only its owner and administrators may use it`,
    );

  const mayUseWebhooks = (actor: Actor): void => {
    if (requireAuthenticated(actor).kind === "service") return;
    requireAdmin(actor);
  };

  const manage = (actor: Actor, listener: WebhookListener): void => {
    requireWriteScope(actor);
    if (actor.kind === "service" && !isOwner(actor, listener)) throw foreign(listener);
  };

  return {
    /** Checked before the listener is looked up. */
    mayUseWebhooks,

    /** Who becomes the owner of a new listener. */
    register(actor: Actor): ListenerOwner {
      mayUseWebhooks(actor);
      requireWriteScope(actor);
      switch (actor.kind) {
        case "service":
          return { kind: "service", id: actor.serviceAccountId };
        case "user":
          return { kind: "user", id: actor.userId };
        case "system":
          return { kind: "system", id: `system:${actor.reason}` };
        case "anonymous":
          throw DomainError.unauthenticated();
      }
    },

    /** Re-register (change URL, filter, secret, position), replay, re-deliver dead letters, delete. */
    manage,

    /** See status, pending events, dead letters and attempts. */
    read(actor: Actor, listener: WebhookListener): void {
      if (actor.kind === "service" && !isOwner(actor, listener) && !isDeliveryAccount(access, actor))
        throw foreign(listener);
    },

    /** Acknowledge pending events: the owner, the delivery accounts, administrators. */
    acknowledge(actor: Actor, listener: WebhookListener): void {
      requireWriteScope(actor);
      if (actor.kind === "service" && !isOwner(actor, listener) && !isDeliveryAccount(access, actor))
        throw foreign(listener);
    },

    /** Whose listeners a list shows: a service account's own, or (null) all of them. */
    listedOwner(actor: Actor): ListenerOwner | null {
      mayUseWebhooks(actor);
      if (actor.kind === "service" && !isDeliveryAccount(access, actor))
        return { kind: "service", id: actor.serviceAccountId };
      return null;
    },
  };
}

export type WebhookListenerPolicy = ReturnType<typeof webhookListenerPolicy>;
