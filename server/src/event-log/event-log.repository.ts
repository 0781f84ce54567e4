import type { ExpressionBuilder, Kysely, Selectable } from "kysely";
import type { OutboxEventsTable, Tables } from "../database/tables.js";
import type { EventFilter, LogEvent, LogEventActor } from "./event-log.types.js";

type OutboxRow = Selectable<OutboxEventsTable>;

/** The SQL form of an event filter (exact names, or `substr(name) = prefix` for whole entities). */
export function matchingEventFilter(eb: ExpressionBuilder<Tables, "outbox_events">, filter: EventFilter) {
  if (filter.kind === "all") return eb.lit(true);
  return eb.or([
    ...(filter.names.length > 0 ? [eb("event_name", "in", [...filter.names])] : []),
    ...filter.prefixes.map((prefix) =>
      eb(eb.fn<string>("substr", ["event_name", eb.lit(1), eb.lit(prefix.length)]), "=", prefix),
    ),
  ]);
}

export function toLogEvent(row: OutboxRow): LogEvent {
  const actor = JSON.parse(row.actor) as Partial<LogEventActor>;
  return {
    sequence: Number(row.sequence),
    name: row.event_name,
    schemaVersion: row.schema_version,
    occurredAt: row.occurred_at,
    actor: { kind: actor.kind ?? "system", id: actor.id ?? null },
    subjectIds: JSON.parse(row.subject_ids) as Record<string, string>,
    payload: JSON.parse(row.payload) as Record<string, unknown>,
  };
}

/** Matching events after a position (exclusive), oldest first. */
export async function readLogEventsAfter(
  db: Kysely<Tables>,
  after: number,
  filter: EventFilter,
  limit: number,
): Promise<LogEvent[]> {
  const rows = await db
    .selectFrom("outbox_events")
    .selectAll()
    .where("sequence", ">", after)
    .where((eb) => matchingEventFilter(eb, filter))
    .orderBy("sequence")
    .limit(limit)
    .execute();
  return rows.map(toLogEvent);
}

/** The events with these sequence numbers that still exist, oldest first. */
export async function readLogEventsBySequence(
  db: Kysely<Tables>,
  sequences: readonly number[],
): Promise<LogEvent[]> {
  if (sequences.length === 0) return [];
  const rows = await db
    .selectFrom("outbox_events")
    .selectAll()
    .where("sequence", "in", [...sequences])
    .orderBy("sequence")
    .execute();
  return rows.map(toLogEvent);
}

/** How many matching events follow a position, and when the oldest of them happened. */
export async function backlogAfter(
  db: Kysely<Tables>,
  after: number,
  filter: EventFilter,
): Promise<{ readonly count: number; readonly oldestAt: string | null }> {
  const row = await db
    .selectFrom("outbox_events")
    .select((eb) => [eb.fn.countAll<number | string>().as("count"), eb.fn.min("occurred_at").as("oldest")])
    .where("sequence", ">", after)
    .where((eb) => matchingEventFilter(eb, filter))
    .executeTakeFirst();
  return { count: Number(row?.count ?? 0), oldestAt: row?.oldest ?? null };
}

/** The newest sequence number of the log; 0 when it is empty. */
export async function newestSequence(db: Kysely<Tables>): Promise<number> {
  const row = await db
    .selectFrom("outbox_events")
    .select((eb) => eb.fn.max("sequence").as("max"))
    .executeTakeFirst();
  return Number(row?.max ?? 0);
}

/** The position just before the first event at or after `time` (so reading after it starts there). */
export async function positionBefore(db: Kysely<Tables>, time: Date): Promise<number> {
  const row = await db
    .selectFrom("outbox_events")
    .select((eb) => eb.fn.min("sequence").as("first"))
    .where("occurred_at", ">=", time.toISOString())
    .executeTakeFirst();
  if (row?.first === null || row?.first === undefined) return newestSequence(db);
  return Number(row.first) - 1;
}

/** Deletes events that happened before `cutoff`; returns how many. */
export async function deleteLogEventsBefore(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom("outbox_events")
    .where("occurred_at", "<", cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The head of the log: the newest event's sequence and time; null when the log is empty. */
export async function logHead(
  db: Kysely<Tables>,
): Promise<{ readonly sequence: number; readonly occurredAt: string } | null> {
  const row = await db
    .selectFrom("outbox_events")
    .select(["sequence", "occurred_at"])
    .orderBy("sequence", "desc")
    .limit(1)
    .executeTakeFirst();
  return row ? { sequence: Number(row.sequence), occurredAt: row.occurred_at } : null;
}

/** When the events with these sequences happened (those still in the log). */
export async function occurredAtOf(db: Kysely<Tables>, sequences: readonly number[]): Promise<string[]> {
  if (sequences.length === 0) return [];
  const rows = await db
    .selectFrom("outbox_events")
    .select("occurred_at")
    .where("sequence", "in", [...sequences])
    .execute();
  return rows.map((row) => row.occurred_at);
}
