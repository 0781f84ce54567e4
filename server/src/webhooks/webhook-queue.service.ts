import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import { newestSequence } from "../event-log/event-log.repository.js";
import { appendEvent } from "../events/outbox.repository.js";
import { eventParams, pendingQuery, replayBody } from "./webhook-api.schemas.js";
import { acknowledgeThrough, noDelivery, updateListener } from "./webhook-listener.repository.js";
import { requireListener, type WebhookServiceDeps } from "./webhook-listener.service.js";
import { webhookEventJson, type WebhookEventJson } from "./webhook-listener.view.js";
import { backlogOf, pendingEvents } from "./webhook-pending.js";
import { positionFor } from "./webhook-start-position.js";

export interface Acknowledged {
  /** The listener's position afterwards. */
  readonly position: number;
  /** How many pending events became acknowledged. */
  readonly acknowledged: number;
}

/**
 * A listener's queue: pending events (`GET /webhooks/events/{id}`), acknowledgements and replays. Acknowledgements
 * are positions in the log: acknowledging event N also acknowledges every earlier pending event of the listener.
 */
export class WebhookQueueService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  /** Up to `limit` pending events, oldest first (dead letters being delivered again come first). */
  async pending(actor: Actor, id: unknown, query: unknown): Promise<WebhookEventJson[]> {
    this.deps.listeners.mayUseWebhooks(actor);
    const listener = await requireListener(this.deps.db, id);
    this.deps.listeners.read(actor, listener);
    const { limit } = parseInput(pendingQuery, query ?? {});
    return (await pendingEvents(this.deps.db, listener, limit)).map(webhookEventJson);
  }

  /**
   * Acknowledges event `eventId` and everything pending before it. Acknowledging an event that is already
   * acknowledged changes nothing; an event after the newest one of the log is NOT_FOUND.
   */
  async acknowledge(actor: Actor, id: unknown, eventId: unknown): Promise<Acknowledged> {
    this.deps.listeners.mayUseWebhooks(actor);
    const params = parseInput(eventParams, { id, eventId });
    return this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, params.id);
      this.deps.listeners.acknowledge(actor, listener);
      if (params.eventId > (await newestSequence(trx))) {
        throw DomainError.notFound("Event", String(params.eventId));
      }
      const before = await backlogOf(trx, listener, this.deps.clock());
      const position = await acknowledgeThrough(trx, listener, params.eventId);
      const after = await backlogOf(trx, { ...listener, position }, this.deps.clock());
      return { position, acknowledged: before.count - after.count };
    });
  }

  /** Acknowledges everything pending now (the reference system's "flush"). */
  async acknowledgeAll(actor: Actor, id: unknown): Promise<Acknowledged> {
    this.deps.listeners.mayUseWebhooks(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, id);
      this.deps.listeners.acknowledge(actor, listener);
      const before = await backlogOf(trx, listener, this.deps.clock());
      const position = await acknowledgeThrough(trx, listener, await newestSequence(trx));
      return { position, acknowledged: before.count };
    });
  }

  /**
   * Moves the position back (or forward) so that delivery starts again at a sequence (`from`) or at the first
   * event at or after a time (`since`). The current delivery is forgotten; the listener receives the events again.
   */
  async replay(actor: Actor, id: unknown, input: unknown): Promise<{ position: number; backlog: number }> {
    this.deps.listeners.mayUseWebhooks(actor);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, id);
      this.deps.listeners.manage(actor, listener);
      const body = parseInput(replayBody, input);
      const position =
        body.from !== undefined
          ? await positionFor(trx, body.from, "from")
          : await positionFor(trx, new Date(body.since ?? ""), "since");
      await updateListener(trx, listener.id, { position, updated_at: now.toISOString(), ...noDelivery });
      const summary = {
        from: body.from ?? null,
        since: body.since ?? null,
        position,
        previous: listener.position,
      };
      await recordAudit(
        trx,
        actor,
        {
          action: "webhook_listener.replayed",
          target: { type: "webhook_listener", id: listener.id },
          summary,
        },
        now,
      );
      await appendEvent(
        trx,
        actor,
        "webhook_listener.updated",
        { listenerId: listener.id, changed: ["position"], events: [...listener.events], position },
        now,
      );
      const backlog = await backlogOf(trx, { ...listener, position }, now);
      return { position, backlog: backlog.count };
    });
  }
}
