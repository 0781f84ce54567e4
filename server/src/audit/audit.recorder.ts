import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { actorId, type Actor } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";

export interface AuditEntry {
  /** What was done, usually the event name (`user.created`) or a verb for non-events (`session.signed_in`). */
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string } | null;
  /** What changed, without secrets: field names and non-secret values only. */
  readonly summary?: Readonly<Record<string, unknown>>;
}

const secretKeys = /password|secret|token|hash|key/i;

/** Drops any key that looks like a secret, as a second line of defence behind the callers' own care. */
function withoutSecrets(summary: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(summary).filter(([key]) => !secretKeys.test(key)));
}

/** Records a write in the audit log; call it with the transaction of the change. */
export async function recordAudit(
  trx: Kysely<Tables>,
  actor: Actor,
  entry: AuditEntry,
  now: Date = new Date(),
): Promise<void> {
  await trx
    .insertInto("audit_log")
    .values({
      id: randomUUID(),
      at: now.toISOString(),
      actor_id: actorId(actor),
      actor_kind: actor.kind === "user" && actor.via.kind === "token" ? "token" : actor.kind,
      action: entry.action,
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      summary: JSON.stringify(withoutSecrets(entry.summary ?? {})),
      client_address: actor.origin.address,
      user_agent: actor.origin.userAgent,
    })
    .execute();
}
