import type { Insertable, Kysely, Selectable, Updateable } from "kysely";
import type { Tables, WebhookListenersTable } from "../database/tables.js";
import { eventFilterOf } from "../event-log/event-filter.js";
import type { CurrentDelivery, WebhookListener } from "./webhook-listener.types.js";

type Row = Selectable<WebhookListenersTable>;

function toListener(row: Row): WebhookListener {
  const events = JSON.parse(row.events) as string[];
  return {
    id: row.id,
    owner: { kind: row.owner_kind as WebhookListener["owner"]["kind"], id: row.owner_id },
    url: row.url,
    events,
    filter: eventFilterOf(events),
    sealedSecret: { ciphertext: row.secret_ciphertext, keyId: row.secret_key_id },
    position: Number(row.position),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lease:
      row.lease_holder !== null && row.lease_expires_at !== null
        ? { holder: row.lease_holder, expiresAt: row.lease_expires_at }
        : null,
    delivery: toDelivery(row),
    lastAttemptAt: row.last_attempt_at,
    lastSuccessAt: row.last_success_at,
    lastSuccessStatusCode: row.last_success_status_code,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    consecutiveFailures: row.consecutive_failures,
  };
}

function toDelivery(row: Row): CurrentDelivery | null {
  if (row.delivery_id === null || row.delivery_sequences === null || row.delivery_first_attempt_at === null)
    return null;
  return {
    id: row.delivery_id,
    sequences: JSON.parse(row.delivery_sequences) as number[],
    attempts: row.delivery_attempts,
    firstAttemptAt: row.delivery_first_attempt_at,
    failed: row.delivery_failed === 1,
  };
}

/** Column values that forget the current delivery (after an acknowledgement, replay, filter change). */
export const noDelivery = {
  delivery_id: null,
  delivery_sequences: null,
  delivery_attempts: 0,
  delivery_first_attempt_at: null,
  delivery_failed: 0,
} as const satisfies Updateable<WebhookListenersTable>;

export async function findListener(db: Kysely<Tables>, id: string): Promise<WebhookListener | null> {
  const row = await db.selectFrom("webhook_listeners").selectAll().where("id", "=", id).executeTakeFirst();
  return row ? toListener(row) : null;
}

/** Every listener, or those of one owner, ordered by id. */
export async function listListeners(
  db: Kysely<Tables>,
  owner: { kind: string; id: string } | null,
): Promise<WebhookListener[]> {
  let query = db.selectFrom("webhook_listeners").selectAll().orderBy("id");
  if (owner) query = query.where("owner_kind", "=", owner.kind).where("owner_id", "=", owner.id);
  return (await query.execute()).map(toListener);
}

export async function insertListener(
  db: Kysely<Tables>,
  row: Insertable<WebhookListenersTable>,
): Promise<void> {
  await db.insertInto("webhook_listeners").values(row).execute();
}

export async function updateListener(
  db: Kysely<Tables>,
  id: string,
  changes: Updateable<WebhookListenersTable>,
): Promise<void> {
  await db.updateTable("webhook_listeners").set(changes).where("id", "=", id).execute();
}

export async function deleteListener(db: Kysely<Tables>, id: string): Promise<boolean> {
  const result = await db.deleteFrom("webhook_listeners").where("id", "=", id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Acknowledges everything up to `sequence` (acknowledgements are positions): the position moves forward (never
 * back) and dead letters being delivered again up to it are done. Forgets the current delivery when it is covered.
 * Returns the new position.
 */
export async function acknowledgeThrough(
  db: Kysely<Tables>,
  listener: WebhookListener,
  sequence: number,
): Promise<number> {
  await db
    .deleteFrom("webhook_dead_letters")
    .where("listener_id", "=", listener.id)
    .where("redeliver", "=", 1)
    .where("sequence", "<=", sequence)
    .execute();
  const coversDelivery =
    listener.delivery !== null && listener.delivery.sequences.every((s) => s <= sequence);
  if (coversDelivery) {
    await db
      .updateTable("webhook_listeners")
      .set(noDelivery)
      .where("id", "=", listener.id)
      .where("delivery_id", "=", listener.delivery?.id ?? "")
      .execute();
  }
  await db
    .updateTable("webhook_listeners")
    .set({ position: sequence })
    .where("id", "=", listener.id)
    .where("position", "<", sequence)
    .execute();
  return Math.max(listener.position, sequence);
}
