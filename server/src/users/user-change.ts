import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { recordAudit, type AuditEntry } from "../audit/audit.recorder.js";
import type { Tables } from "../database/tables.js";
import type { EventName, EventPayload } from "../events/event-catalogue.js";
import { appendEvent } from "../events/outbox.repository.js";

/**
 * Records a state change of an account: the audit entry and the domain event, in the transaction of the change.
 * Services call it as the last step inside their transaction, so the change, its audit entry and its event
 * exist together or not at all.
 */
export async function recordUserChange<N extends EventName>(
  trx: Kysely<Tables>,
  actor: Actor,
  now: Date,
  audit: AuditEntry,
  event: { readonly name: N; readonly payload: EventPayload<N> },
): Promise<void> {
  await recordAudit(trx, actor, audit, now);
  await appendEvent(trx, actor, event.name, event.payload, now);
}

/** The audit target of a user. */
export function userTarget(userId: string): { type: string; id: string } {
  return { type: "user", id: userId };
}
