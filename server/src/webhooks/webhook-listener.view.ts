import type { z } from "zod";
import type { LogEvent } from "../event-log/event-log.types.js";
import type { listenerSchema, webhookEventSchema } from "./webhook-api.schemas.js";
import type { Backlog } from "./webhook-pending.js";
import type { WebhookListener } from "./webhook-listener.types.js";

export type ListenerStatus = z.infer<typeof listenerSchema>;
export type WebhookEventJson = z.infer<typeof webhookEventSchema>;

/** A listener as the facade shows it: configuration, position, backlog and delivery health. */
export function listenerStatus(listener: WebhookListener, backlog: Backlog): ListenerStatus {
  return {
    id: listener.id,
    url: listener.url,
    events: [...listener.events],
    owner: listener.owner,
    position: listener.position,
    backlog: backlog.count,
    lagSeconds: Math.round(backlog.lagSeconds * 1000) / 1000,
    lastDelivery:
      listener.lastSuccessAt === null
        ? null
        : { at: listener.lastSuccessAt, statusCode: listener.lastSuccessStatusCode },
    lastAttempt:
      listener.lastAttemptAt === null
        ? null
        : { at: listener.lastAttemptAt, statusCode: listener.lastStatusCode, error: listener.lastError },
    consecutiveFailures: listener.consecutiveFailures,
    deadLetters: backlog.deadLetters,
    lease: listener.lease,
    createdAt: listener.createdAt,
    updatedAt: listener.updatedAt,
  };
}

/** An event as pushed and listed: the log envelope plus `id`, the sequence as text (used to acknowledge). */
export function webhookEventJson(event: LogEvent): WebhookEventJson {
  return {
    id: String(event.sequence),
    sequence: event.sequence,
    name: event.name,
    schemaVersion: event.schemaVersion,
    occurredAt: event.occurredAt,
    actor: { kind: event.actor.kind, id: event.actor.id },
    subjectIds: { ...event.subjectIds },
    payload: { ...event.payload },
  };
}
