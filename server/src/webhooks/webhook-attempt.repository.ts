import type { Kysely, Selectable } from "kysely";
import type { Tables, WebhookDeliveryAttemptsTable } from "../database/tables.js";

export interface DeliveryAttempt {
  readonly id: string;
  readonly listenerId: string;
  readonly deliveryId: string;
  readonly attempt: number;
  readonly firstSequence: number;
  readonly lastSequence: number;
  readonly eventCount: number;
  readonly holder: string;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly statusCode: number | null;
  readonly error: string | null;
  readonly durationMs: number | null;
}

function toAttempt(row: Selectable<WebhookDeliveryAttemptsTable>): DeliveryAttempt {
  return {
    id: row.id,
    listenerId: row.listener_id,
    deliveryId: row.delivery_id,
    attempt: row.attempt,
    firstSequence: Number(row.first_sequence),
    lastSequence: Number(row.last_sequence),
    eventCount: row.event_count,
    holder: row.holder,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    statusCode: row.status_code,
    error: row.error,
    durationMs: row.duration_ms,
  };
}

export async function insertAttempt(db: Kysely<Tables>, attempt: DeliveryAttempt): Promise<void> {
  await db
    .insertInto("webhook_delivery_attempts")
    .values({
      id: attempt.id,
      listener_id: attempt.listenerId,
      delivery_id: attempt.deliveryId,
      attempt: attempt.attempt,
      first_sequence: attempt.firstSequence,
      last_sequence: attempt.lastSequence,
      event_count: attempt.eventCount,
      holder: attempt.holder,
      started_at: attempt.startedAt,
      finished_at: null,
      status_code: null,
      error: null,
      duration_ms: null,
    })
    .execute();
}

export async function findAttempt(
  db: Kysely<Tables>,
  listenerId: string,
  id: string,
): Promise<DeliveryAttempt | null> {
  const row = await db
    .selectFrom("webhook_delivery_attempts")
    .selectAll()
    .where("id", "=", id)
    .where("listener_id", "=", listenerId)
    .executeTakeFirst();
  return row ? toAttempt(row) : null;
}

/** Records the outcome of an attempt still in flight; false when it was already recorded. */
export async function finishAttempt(
  db: Kysely<Tables>,
  id: string,
  outcome: { finishedAt: string; statusCode: number | null; error: string | null; durationMs: number },
): Promise<boolean> {
  const result = await db
    .updateTable("webhook_delivery_attempts")
    .set({
      finished_at: outcome.finishedAt,
      status_code: outcome.statusCode,
      error: outcome.error,
      duration_ms: outcome.durationMs,
    })
    .where("id", "=", id)
    .where("finished_at", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** A listener's most recent attempts, newest first. */
export async function recentAttempts(
  db: Kysely<Tables>,
  listenerId: string,
  limit: number,
): Promise<DeliveryAttempt[]> {
  const rows = await db
    .selectFrom("webhook_delivery_attempts")
    .selectAll()
    .where("listener_id", "=", listenerId)
    .orderBy("started_at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .execute();
  return rows.map(toAttempt);
}

export async function deleteAttemptsBefore(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom("webhook_delivery_attempts")
    .where("started_at", "<", cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * How long the listener's recent successful deliveries took from the change to the listener's 2xx, in
 * milliseconds, newest first: for each delivery, from its oldest event's `occurredAt` to the recorded answer
 * (so a batch counts with its longest wait). Deliveries whose first event left the log are skipped.
 */
export async function recentDeliveryLatencies(
  db: Kysely<Tables>,
  listenerId: string,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom("webhook_delivery_attempts as a")
    .innerJoin("outbox_events as e", "e.sequence", "a.first_sequence")
    .select(["a.finished_at as finishedAt", "e.occurred_at as occurredAt"])
    .where("a.listener_id", "=", listenerId)
    .where("a.status_code", ">=", 200)
    .where("a.status_code", "<", 300)
    .orderBy("a.started_at", "desc")
    .orderBy("a.id", "desc")
    .limit(limit)
    .execute();
  return rows
    .filter((row): row is { finishedAt: string; occurredAt: string } => row.finishedAt !== null)
    .map((row) => Math.max(0, Date.parse(row.finishedAt) - Date.parse(row.occurredAt)));
}
