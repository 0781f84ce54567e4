import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { backlogAfter, readLogEventsAfter } from "../event-log/event-log.repository.js";
import type { LogEvent } from "../event-log/event-log.types.js";
import { countDeadLetters, deadLettersToRedeliver } from "./webhook-dead-letter.repository.js";
import type { WebhookListener } from "./webhook-listener.types.js";

/**
 * A listener's pending events, oldest first: dead letters whose re-delivery was requested (their sequences lie
 * behind the position), then the log's matching events after the position.
 */
export async function pendingEvents(
  db: Kysely<Tables>,
  listener: WebhookListener,
  limit: number,
): Promise<LogEvent[]> {
  const [redeliveries, fresh] = await Promise.all([
    deadLettersToRedeliver(db, listener.id, limit),
    readLogEventsAfter(db, listener.position, listener.filter, limit),
  ]);
  const seen = new Set<number>();
  return [...redeliveries, ...fresh]
    .sort((a, b) => a.sequence - b.sequence)
    .filter((event) => !seen.has(event.sequence) && seen.add(event.sequence))
    .slice(0, limit);
}

export interface Backlog {
  /** Pending events, dead letters being delivered again included. */
  readonly count: number;
  /** Seconds since the oldest pending event happened; 0 when nothing is pending. */
  readonly lagSeconds: number;
  readonly deadLetters: number;
}

export async function backlogOf(db: Kysely<Tables>, listener: WebhookListener, now: Date): Promise<Backlog> {
  const [log, deadLetters, [oldestRedelivery]] = await Promise.all([
    backlogAfter(db, listener.position, listener.filter),
    countDeadLetters(db, listener.id, listener.position),
    deadLettersToRedeliver(db, listener.id, 1),
  ]);
  const oldest = [oldestRedelivery?.occurredAt, log.oldestAt ?? undefined]
    .filter((at): at is string => at !== undefined)
    .sort()[0];
  return {
    count: log.count + deadLetters.redelivering,
    lagSeconds: oldest ? Math.max(0, (now.getTime() - Date.parse(oldest)) / 1000) : 0,
    deadLetters: deadLetters.total,
  };
}
