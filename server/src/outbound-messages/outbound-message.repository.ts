import type { Kysely, Selectable } from "kysely";
import type { OutboundMessagesTable, Tables } from "../database/tables.js";
import type {
  OutboundChannel,
  OutboundMessage,
  OutboundMessageFilter,
  OutboundMessagePosition,
  OutboundStatus,
} from "./outbound-message.types.js";

type OutboundMessageRow = Selectable<OutboundMessagesTable>;

function toOutboundMessage(row: OutboundMessageRow): OutboundMessage {
  return {
    id: row.id,
    channel: row.channel as OutboundChannel,
    eventSequence: Number(row.event_sequence),
    eventName: row.event_name,
    recipient: row.recipient,
    template: row.template,
    subject: row.subject,
    status: row.status as OutboundStatus,
    error: row.error,
    attempts: row.attempts,
    recordedBy: row.recorded_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface OutboundMessageKey {
  readonly channel: OutboundChannel;
  readonly eventSequence: number;
  readonly recipient: string;
}

export async function findOutboundMessage(
  db: Kysely<Tables>,
  key: OutboundMessageKey,
): Promise<OutboundMessage | undefined> {
  const row = await db
    .selectFrom("outbound_messages")
    .selectAll()
    .where("channel", "=", key.channel)
    .where("event_sequence", "=", key.eventSequence)
    .where("recipient", "=", key.recipient)
    .executeTakeFirst();
  return row && toOutboundMessage(row);
}

/** Every message of the channel about any of the events, in sequence and recipient order. */
export async function findOutboundMessagesOfEvents(
  db: Kysely<Tables>,
  channel: OutboundChannel,
  sequences: readonly number[],
): Promise<OutboundMessage[]> {
  if (sequences.length === 0) return [];
  const rows = await db
    .selectFrom("outbound_messages")
    .selectAll()
    .where("channel", "=", channel)
    .where("event_sequence", "in", [...sequences])
    .orderBy("event_sequence")
    .orderBy("recipient")
    .execute();
  return rows.map(toOutboundMessage);
}

/** Inserts the row unless the key exists; true when this call inserted it (safe against concurrent callers). */
export async function insertOutboundMessageIfAbsent(
  db: Kysely<Tables>,
  message: OutboundMessage,
): Promise<boolean> {
  const result = await db
    .insertInto("outbound_messages")
    .values({
      id: message.id,
      channel: message.channel,
      event_sequence: message.eventSequence,
      event_name: message.eventName,
      recipient: message.recipient,
      template: message.template,
      subject: message.subject,
      status: message.status,
      error: message.error,
      attempts: message.attempts,
      recorded_by: message.recordedBy,
      created_at: message.createdAt,
      updated_at: message.updatedAt,
    })
    .onConflict((oc) => oc.columns(["channel", "event_sequence", "recipient"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  return result !== undefined;
}

/** A failed message that was later sent after all (a re-delivered dead letter): only a failed row changes. */
export async function markFailedOutboundMessageSent(
  db: Kysely<Tables>,
  key: OutboundMessageKey,
  change: {
    readonly subject: string;
    readonly attempts: number;
    readonly recordedBy: string;
    readonly now: string;
  },
): Promise<void> {
  await db
    .updateTable("outbound_messages")
    .set((eb) => ({
      status: "sent",
      error: null,
      subject: change.subject,
      attempts: eb("attempts", "+", change.attempts),
      recorded_by: change.recordedBy,
      updated_at: change.now,
    }))
    .where("channel", "=", key.channel)
    .where("event_sequence", "=", key.eventSequence)
    .where("recipient", "=", key.recipient)
    .where("status", "=", "failed")
    .execute();
}

function filtered(db: Kysely<Tables>, filter: OutboundMessageFilter) {
  let query = db.selectFrom("outbound_messages");
  if (filter.channel) query = query.where("channel", "=", filter.channel);
  if (filter.status) query = query.where("status", "=", filter.status);
  return query;
}

/** Matching messages after `after`, newest change first (updated_at desc, id desc), at most `limit`. */
export async function listOutboundMessages(
  db: Kysely<Tables>,
  filter: OutboundMessageFilter,
  after: OutboundMessagePosition | null,
  limit: number,
): Promise<OutboundMessage[]> {
  let query = filtered(db, filter).selectAll();
  if (after !== null) {
    const [at, id] = after;
    query = query.where((eb) =>
      eb.or([eb("updated_at", "<", at), eb.and([eb("updated_at", "=", at), eb("id", "<", id)])]),
    );
  }
  const rows = await query.orderBy("updated_at", "desc").orderBy("id", "desc").limit(limit).execute();
  return rows.map(toOutboundMessage);
}

export async function countOutboundMessages(
  db: Kysely<Tables>,
  filter: OutboundMessageFilter,
): Promise<number> {
  const row = await filtered(db, filter)
    .select((eb) => eb.fn.countAll<number | string>().as("count"))
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Deletes messages last changed before `cutoff`; returns how many. */
export async function deleteOutboundMessagesBefore(db: Kysely<Tables>, cutoff: Date): Promise<number> {
  const result = await db
    .deleteFrom("outbound_messages")
    .where("updated_at", "<", cutoff.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
