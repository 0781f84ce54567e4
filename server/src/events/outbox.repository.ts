import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { actorId } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { deferToCommit } from "../database/outbox-commit-dialect.js";
import { isPostgres } from "../event-log/commit-order.js";
import { eventDefinition, type EventName, type EventPayload } from "./event-catalogue.js";

/**
 * Appends a domain event to the outbox. Call it with the transaction of the change, so the event exists exactly
 * when the change does. The payload is checked against the catalogue, so a listener never receives a shape the
 * catalogue does not describe. On PostgreSQL the insert runs at commit, after the lock that makes sequence order
 * commit order (`event-log/commit-order.ts`); outside a transaction the append gets a transaction of its own.
 */
export async function appendEvent<N extends EventName>(
  trx: Kysely<Tables>,
  actor: Actor,
  name: N,
  payload: EventPayload<N>,
  now: Date = new Date(),
): Promise<void> {
  const definition = eventDefinition(name);
  const checked = definition.payload.parse(payload) as EventPayload<N>;
  if (!trx.isTransaction && isPostgres(trx)) {
    await trx.transaction().execute((inner) => appendEvent(inner, actor, name, payload, now));
    return;
  }
  const insert = trx.insertInto("outbox_events").values({
    event_name: name,
    schema_version: definition.version,
    occurred_at: now.toISOString(),
    actor: JSON.stringify({ kind: actor.kind, id: actorId(actor) }),
    subject_ids: JSON.stringify(definition.subject(checked)),
    payload: JSON.stringify(checked),
  });
  if (isPostgres(trx)) await trx.executeQuery(deferToCommit(insert.compile()));
  else await insert.execute();
}
