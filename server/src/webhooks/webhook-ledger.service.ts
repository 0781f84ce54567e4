import type { Actor } from "../actor/actor.js";
import { parseInput } from "../errors/input-validation.js";
import { attemptsQuery } from "./webhook-api.schemas.js";
import { recentAttempts, type DeliveryAttempt } from "./webhook-attempt.repository.js";
import { requireListener, type WebhookServiceDeps } from "./webhook-listener.service.js";

/** The delivery ledger: a listener's recent attempts with their status codes, newest first. */
export class WebhookLedgerService {
  constructor(private readonly deps: WebhookServiceDeps) {}

  async recent(actor: Actor, id: unknown, query: unknown): Promise<DeliveryAttempt[]> {
    this.deps.listeners.mayUseWebhooks(actor);
    const listener = await requireListener(this.deps.db, id);
    this.deps.listeners.read(actor, listener);
    const { limit } = parseInput(attemptsQuery, query ?? {});
    return recentAttempts(this.deps.db, listener.id, limit);
  }
}
