import type { Kysely, Selectable } from "kysely";
import type { Tables, WebhookDeadLettersTable } from "../database/tables.js";
import type { LogEvent } from "../event-log/event-log.types.js";

export interface DeadLetter {
  readonly sequence: number;
  readonly event: LogEvent;
  readonly deliveryId: string;
  readonly attempts: number;
  readonly reason: string;
  readonly deadLetteredAt: string;
  readonly redeliveryPending: boolean;
}

function toDeadLetter(row: Selectable<WebhookDeadLettersTable>): DeadLetter {
  return {
    sequence: Number(row.sequence),
    event: JSON.parse(row.event) as LogEvent,
    deliveryId: row.delivery_id,
    attempts: row.attempts,
    reason: row.reason,
    deadLetteredAt: row.dead_lettered_at,
    redeliveryPending: row.redeliver === 1,
  };
}

/** A listener's dead letters after a sequence, oldest first. */
export async function listDeadLetters(
  db: Kysely<Tables>,
  listenerId: string,
  after: number,
  limit: number,
): Promise<DeadLetter[]> {
  const rows = await db
    .selectFrom("webhook_dead_letters")
    .selectAll()
    .where("listener_id", "=", listenerId)
    .where("sequence", ">", after)
    .orderBy("sequence")
    .limit(limit)
    .execute();
  return rows.map(toDeadLetter);
}

/** Dead letters whose re-delivery was requested, oldest first: they are pending before the log's events. */
export async function deadLettersToRedeliver(
  db: Kysely<Tables>,
  listenerId: string,
  limit: number,
): Promise<LogEvent[]> {
  const rows = await db
    .selectFrom("webhook_dead_letters")
    .select("event")
    .where("listener_id", "=", listenerId)
    .where("redeliver", "=", 1)
    .orderBy("sequence")
    .limit(limit)
    .execute();
  return rows.map((row) => JSON.parse(row.event) as LogEvent);
}

/**
 * How many dead letters a listener has, and how many of them are being delivered again from behind its position
 * (those after the position are pending in the log anyway, so they are not counted twice).
 */
export async function countDeadLetters(
  db: Kysely<Tables>,
  listenerId: string,
  position: number,
): Promise<{ readonly total: number; readonly redelivering: number }> {
  const row = await db
    .selectFrom("webhook_dead_letters")
    .select((eb) => [
      eb.fn.countAll<number | string>().as("total"),
      eb.fn
        .sum<number | string | null>(
          eb
            .case()
            .when(eb.and([eb("redeliver", "=", 1), eb("sequence", "<=", position)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as("redelivering"),
    ])
    .where("listener_id", "=", listenerId)
    .executeTakeFirst();
  return { total: Number(row?.total ?? 0), redelivering: Number(row?.redelivering ?? 0) };
}

/** Stores (or replaces) dead letters for these events. */
export async function putDeadLetters(
  db: Kysely<Tables>,
  listenerId: string,
  events: readonly LogEvent[],
  details: { deliveryId: string; attempts: number; reason: string; at: string },
): Promise<void> {
  for (const event of events) {
    const values = {
      event: JSON.stringify(event),
      delivery_id: details.deliveryId,
      attempts: details.attempts,
      reason: details.reason,
      dead_lettered_at: details.at,
      redeliver: 0,
    };
    await db
      .insertInto("webhook_dead_letters")
      .values({ listener_id: listenerId, sequence: event.sequence, ...values })
      .onConflict((oc) => oc.columns(["listener_id", "sequence"]).doUpdateSet(values))
      .execute();
  }
}

/** Marks dead letters (all, or these sequences) for re-delivery; returns how many were marked. */
export async function markForRedelivery(
  db: Kysely<Tables>,
  listenerId: string,
  sequences: readonly number[] | null,
): Promise<number> {
  let query = db
    .updateTable("webhook_dead_letters")
    .set({ redeliver: 1 })
    .where("listener_id", "=", listenerId)
    .where("redeliver", "=", 0);
  if (sequences) {
    if (sequences.length === 0) return 0;
    query = query.where("sequence", "in", [...sequences]);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function deleteDeadLettersBefore(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom("webhook_dead_letters")
    .where("dead_lettered_at", "<", cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
