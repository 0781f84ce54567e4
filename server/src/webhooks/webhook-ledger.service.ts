import type { Actor } from "../actor/actor.js";
import { parseInput } from "../errors/input-validation.js";
import { attemptsQuery } from "./webhook-api.schemas.js";
import {
  recentAttempts,
  recentDeliveryLatencies,
  type DeliveryAttempt,
} from "./webhook-attempt.repository.js";
import { requireListener, type WebhookServiceDeps } from "./webhook-listener.service.js";

/** Percentiles of a listener's recent delivery latencies (change to the listener's 2xx). */
export interface DeliveryLatencySummary {
  /** How many successful deliveries the figures are over (at most {@link LATENCY_SAMPLES}). */
  readonly samples: number;
  readonly p50Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
}

/** The latency summary looks at this many recent successful deliveries. */
export const LATENCY_SAMPLES = 200;

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

  /** p50/p99/max over the listener's recent successful deliveries, from the ledger. */
  async latency(actor: Actor, id: unknown): Promise<DeliveryLatencySummary> {
    this.deps.listeners.mayUseWebhooks(actor);
    const listener = await requireListener(this.deps.db, id);
    this.deps.listeners.read(actor, listener);
    const sorted = (await recentDeliveryLatencies(this.deps.db, listener.id, LATENCY_SAMPLES)).sort(
      (a, b) => a - b,
    );
    const at = (q: number) =>
      sorted.length === 0 ? null : (sorted[Math.ceil(q * sorted.length) - 1] ?? null);
    return { samples: sorted.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: sorted.at(-1) ?? null };
  }
}
