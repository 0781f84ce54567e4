import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import { parseInput } from "../errors/input-validation.js";
import { appendEvent } from "../events/outbox.repository.js";
import { deadLettersQuery, redeliverBody } from "./webhook-api.schemas.js";
import { listDeadLetters, markForRedelivery, type DeadLetter } from "./webhook-dead-letter.repository.js";
import { noDelivery, updateListener } from "./webhook-listener.repository.js";
import { requireListener, type WebhookServiceDeps } from "./webhook-listener.service.js";

/** A listener's dead letters: events it did not take after the bridge's attempts; listed and delivered again. */
export class WebhookDeadLetterService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  /** Dead letters oldest first, in pages (`after` = the previous page's `nextAfter`). */
  async list(
    actor: Actor,
    id: unknown,
    query: unknown,
  ): Promise<{ deadLetters: DeadLetter[]; nextAfter: number | null }> {
    this.deps.listeners.mayUseWebhooks(actor);
    const listener = await requireListener(this.deps.db, id);
    this.deps.listeners.read(actor, listener);
    const { limit, after } = parseInput(deadLettersQuery, query ?? {});
    const rows = await listDeadLetters(this.deps.db, listener.id, after ?? 0, limit + 1);
    const page = rows.slice(0, limit);
    return { deadLetters: page, nextAfter: rows.length > limit ? (page.at(-1)?.sequence ?? null) : null };
  }

  /**
   * Delivers dead letters again (all, or the given sequences): they become pending before the log's events and
   * leave the dead letters once acknowledged; failing again, they return to the dead letters.
   */
  async redeliver(actor: Actor, id: unknown, input: unknown): Promise<{ redelivering: number }> {
    this.deps.listeners.mayUseWebhooks(actor);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, id);
      this.deps.listeners.manage(actor, listener);
      const { sequences } = parseInput(redeliverBody, input ?? {});
      const redelivering = await markForRedelivery(trx, listener.id, sequences ?? null);
      if (redelivering === 0) return { redelivering };
      await updateListener(trx, listener.id, { updated_at: now.toISOString(), ...noDelivery });
      await recordAudit(
        trx,
        actor,
        {
          action: "webhook_listener.dead_letters_redelivered",
          target: { type: "webhook_listener", id: listener.id },
          summary: { redelivering, sequences: sequences ?? "all" },
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "webhook_listener.updated",
        {
          listenerId: listener.id,
          changed: ["dead_letters"],
          events: [...listener.events],
          position: listener.position,
        },
        now,
      );
      return { redelivering };
    });
  }
}
