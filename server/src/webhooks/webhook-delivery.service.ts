import { randomBytes, randomUUID } from "node:crypto";
import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { occurredAtOf } from "../event-log/event-log.repository.js";
import type { LogEvent } from "../event-log/event-log.types.js";
import { appendEvent } from "../events/outbox.repository.js";
import {
  attemptParams,
  attemptResultBody,
  claimBody,
  deadLetterBody,
  deliveryParams,
  leaseBody,
  leaseReleaseQuery,
} from "./webhook-api.schemas.js";
import { findAttempt, finishAttempt, insertAttempt } from "./webhook-attempt.repository.js";
import { putDeadLetters } from "./webhook-dead-letter.repository.js";
import type { WebhookDeliveryPolicy } from "./webhook-delivery.policy.js";
import { releaseLease, takeLease } from "./webhook-lease.repository.js";
import { acknowledgeThrough, noDelivery, updateListener } from "./webhook-listener.repository.js";
import { requireListener, type WebhookServiceDeps } from "./webhook-listener.service.js";
import type { WebhookListener } from "./webhook-listener.types.js";
import { webhookEventJson, type WebhookEventJson } from "./webhook-listener.view.js";
import type { WebhookDeliveryObserver } from "./webhook-metrics.js";
import { pendingEvents } from "./webhook-pending.js";
import { openWebhookSecret } from "./webhook-secret.js";

const DEFAULT_LEASE_SECONDS = 30;
const DEFAULT_BATCH = 100;

export interface Lease {
  readonly holder: string;
  readonly expiresAt: string;
  readonly listener: { id: string; url: string; events: string[]; secret: string };
}

export interface Delivery {
  /** The `webhook-id`: the same for every attempt of the same events. */
  readonly deliveryId: string;
  readonly attemptId: string;
  readonly attempt: number;
  readonly firstAttemptAt: string;
  readonly events: WebhookEventJson[];
}

export interface AttemptResult {
  readonly acknowledged: boolean;
  readonly position: number;
  readonly attempt: number;
  readonly firstAttemptAt: string | null;
  readonly consecutiveFailures: number;
  /** Whether anything is still pending after this outcome (saves the bridge a claim that finds nothing). */
  readonly pending: boolean;
}

/**
 * What the bridge does through the facade, so that it keeps no state of its own: lease a listener, claim its
 * next delivery (the same events and `webhook-id` again until they are acknowledged), record each attempt's
 * outcome (a 2xx acknowledges), and give events up to the dead letters.
 *
 * A failed delivery of several events is narrowed to its first event on the next claim, so one poison event
 * cannot keep good ones from flowing: only single events are dead-lettered by the bridge.
 */
export class WebhookDeliveryService {
  constructor(
    private readonly deps: WebhookServiceDeps & {
      readonly delivery: WebhookDeliveryPolicy;
      readonly observer: WebhookDeliveryObserver;
    },
  ) {}

  /** Takes or renews the delivery lease; CONFLICT while another holder's lease runs. Returns the secret. */
  async acquireLease(actor: Actor, id: unknown, input: unknown): Promise<Lease> {
    this.deps.delivery.deliver(actor);
    const listener = await requireListener(this.deps.db, id);
    const { holder, ttlSeconds } = parseInput(leaseBody, input);
    const now = this.deps.clock();
    const expiresAt = new Date(now.getTime() + (ttlSeconds ?? DEFAULT_LEASE_SECONDS) * 1000);
    if (!(await takeLease(this.deps.db, listener.id, holder, now, expiresAt))) {
      const current = await requireListener(this.deps.db, listener.id);
      throw new DomainError(
        ErrorCode.CONFLICT,
        `The delivery lease on webhook listener "${listener.id}" is held by "${current.lease?.holder ?? "?"}" until ${current.lease?.expiresAt ?? "?"}`,
      );
    }
    const secret = openWebhookSecret(this.deps.keyRing(), listener.id, listener.sealedSecret);
    return {
      holder,
      expiresAt: expiresAt.toISOString(),
      listener: { id: listener.id, url: listener.url, events: [...listener.events], secret },
    };
  }

  async releaseLease(actor: Actor, id: unknown, query: unknown): Promise<void> {
    this.deps.delivery.deliver(actor);
    const listener = await requireListener(this.deps.db, id);
    const { holder } = parseInput(leaseReleaseQuery, query ?? {});
    await releaseLease(this.deps.db, listener.id, holder);
  }

  /**
   * The listener's next delivery, or null when nothing is pending. While the current delivery's first event is
   * still pending, the same delivery is returned (same id and events, attempt + 1) unless its last attempt failed
   * with several events, in which case a delivery of the first event alone replaces it.
   */
  async claim(actor: Actor, id: unknown, input: unknown): Promise<Delivery | null> {
    this.deps.delivery.deliver(actor);
    const body = parseInput(claimBody, input);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, id);
      requireLeaseHolder(listener, body.holder, now);
      const pending = await pendingEvents(trx, listener, Math.max(body.limit ?? DEFAULT_BATCH, 1));
      const first = pending[0];
      if (!first) {
        if (listener.delivery) await updateListener(trx, listener.id, noDelivery);
        return null;
      }
      const current = listener.delivery;
      const reusable =
        current !== null &&
        !(current.failed && current.sequences.length > 1) &&
        sameSequences(current.sequences, pending.slice(0, current.sequences.length));
      const events = reusable ? pending.slice(0, current.sequences.length) : newBatch(current, pending);
      const delivery = reusable
        ? { id: current.id, attempt: current.attempts + 1, firstAttemptAt: current.firstAttemptAt }
        : {
            id: `msg_${randomBytes(18).toString("base64url")}`,
            attempt: 1,
            firstAttemptAt: now.toISOString(),
          };
      await updateListener(trx, listener.id, {
        delivery_id: delivery.id,
        delivery_sequences: JSON.stringify(events.map((event) => event.sequence)),
        delivery_attempts: delivery.attempt,
        delivery_first_attempt_at: delivery.firstAttemptAt,
        delivery_failed: 0,
        last_attempt_at: now.toISOString(),
      });
      const attemptId = randomUUID();
      await insertAttempt(trx, {
        id: attemptId,
        listenerId: listener.id,
        deliveryId: delivery.id,
        attempt: delivery.attempt,
        firstSequence: events[0]?.sequence ?? 0,
        lastSequence: events.at(-1)?.sequence ?? 0,
        eventCount: events.length,
        holder: body.holder,
        startedAt: now.toISOString(),
        finishedAt: null,
        statusCode: null,
        error: null,
        durationMs: null,
      });
      return {
        deliveryId: delivery.id,
        attemptId,
        attempt: delivery.attempt,
        firstAttemptAt: delivery.firstAttemptAt,
        events: events.map(webhookEventJson),
      };
    });
  }

  /** Records an attempt's outcome; a 2xx acknowledges the delivery's events (if it is still the current one). */
  async recordAttempt(actor: Actor, id: unknown, attemptId: unknown, input: unknown): Promise<AttemptResult> {
    this.deps.delivery.deliver(actor);
    const params = parseInput(attemptParams, { id, attemptId });
    const body = parseInput(attemptResultBody, input);
    const now = this.deps.clock();
    const at = now.toISOString();
    const { result, delivered } = await this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, params.id);
      requireLeaseHolder(listener, body.holder, now);
      const attempt = await findAttempt(trx, listener.id, params.attemptId);
      if (!attempt) throw DomainError.notFound("Delivery attempt", params.attemptId);
      const ok = body.statusCode !== null && body.statusCode >= 200 && body.statusCode < 300;
      const error = ok
        ? null
        : (body.error ?? (body.statusCode === null ? "no answer" : `HTTP ${body.statusCode}`));
      if (
        !(await finishAttempt(trx, attempt.id, {
          finishedAt: at,
          statusCode: body.statusCode,
          error,
          durationMs: body.durationMs,
        }))
      ) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `The outcome of attempt "${attempt.id}" was already recorded`,
        );
      }
      const current = listener.delivery?.id === attempt.deliveryId ? listener.delivery : null;
      if (ok) {
        const position = current
          ? await acknowledgeThrough(trx, listener, attempt.lastSequence)
          : listener.position;
        await updateListener(trx, listener.id, {
          last_attempt_at: at,
          last_status_code: body.statusCode,
          last_error: null,
          last_success_at: at,
          last_success_status_code: body.statusCode,
          consecutive_failures: 0,
        });
        const stillPending = await pendingEvents(trx, { ...listener, position }, 1);
        return {
          result: {
            // Also true when the listener acknowledged the events itself (pulling, like the reference listeners).
            acknowledged: current !== null || position >= attempt.lastSequence,
            position,
            attempt: attempt.attempt,
            firstAttemptAt: null,
            consecutiveFailures: 0,
            pending: stillPending.length > 0,
          },
          delivered: current?.sequences ?? [],
        };
      }
      const consecutiveFailures = listener.consecutiveFailures + 1;
      await updateListener(trx, listener.id, {
        last_attempt_at: at,
        last_status_code: body.statusCode,
        last_error: error,
        consecutive_failures: consecutiveFailures,
        ...(current ? { delivery_failed: 1 } : {}),
      });
      return {
        result: {
          acknowledged: false,
          position: listener.position,
          attempt: attempt.attempt,
          firstAttemptAt: current?.firstAttemptAt ?? null,
          consecutiveFailures,
          pending: true,
        },
        delivered: [],
      };
    });
    const listenerId = params.id;
    const succeeded = result.consecutiveFailures === 0;
    this.deps.observer.attempt(listenerId, succeeded);
    if (delivered.length > 0) {
      const answeredAt = now.getTime();
      const occurred = await occurredAtOf(this.deps.db, delivered);
      this.deps.observer.delivered(
        listenerId,
        occurred.map((time) => Math.max(0, answeredAt - Date.parse(time)) / 1000),
      );
    }
    return result;
  }

  /**
   * Gives the current delivery up: its events become dead letters (with a copy of each event), the position
   * moves past them, later events flow, and `webhook_listener.dead_lettered` raises the alert.
   */
  async deadLetter(
    actor: Actor,
    id: unknown,
    deliveryId: unknown,
    input: unknown,
  ): Promise<{ deadLettered: number; position: number }> {
    this.deps.delivery.deliver(actor);
    const params = parseInput(deliveryParams, { id, deliveryId });
    const body = parseInput(deadLetterBody, input);
    const now = this.deps.clock();
    const outcome = await this.deps.db.transaction().execute(async (trx) => {
      const listener = await requireListener(trx, params.id);
      requireLeaseHolder(listener, body.holder, now);
      const delivery = listener.delivery;
      if (!delivery || delivery.id !== params.deliveryId) {
        throw new DomainError(
          ErrorCode.CONFLICT,
          `Delivery "${params.deliveryId}" is not the current delivery of webhook listener "${listener.id}"`,
        );
      }
      const pending = await pendingEvents(trx, listener, delivery.sequences.length);
      const events = pending.filter((event) => delivery.sequences.includes(event.sequence));
      const last = Math.max(...delivery.sequences);
      const position = await acknowledgeThrough(trx, listener, last);
      await putDeadLetters(trx, listener.id, events, {
        deliveryId: delivery.id,
        attempts: delivery.attempts,
        reason: body.reason,
        at: now.toISOString(),
      });
      await updateListener(trx, listener.id, noDelivery);
      const payload = {
        listenerId: listener.id,
        sequences: events.map((event) => event.sequence),
        eventNames: [...new Set(events.map((event) => event.name))],
        attempts: delivery.attempts,
        reason: body.reason,
      };
      await recordAudit(
        trx,
        actor,
        {
          action: "webhook_listener.dead_lettered",
          target: { type: "webhook_listener", id: listener.id },
          summary: payload,
        },
        now,
      );
      if (events.some((event) => !event.name.startsWith("webhook_listener."))) {
        await appendEvent(trx, actor, "webhook_listener.dead_lettered", payload, now);
      }
      return { deadLettered: events.length, position };
    });
    this.deps.observer.deadLettered(params.id, outcome.deadLettered);
    return outcome;
  }
}

function requireLeaseHolder(listener: WebhookListener, holder: string, now: Date): void {
  const lease = listener.lease;
  if (lease && lease.holder === holder && lease.expiresAt > now.toISOString()) return;
  throw new DomainError(
    ErrorCode.CONFLICT,
    lease && lease.expiresAt > now.toISOString()
      ? `The delivery lease on webhook listener "${listener.id}" is held by "${lease.holder}"`
      : `"${holder}" holds no delivery lease on webhook listener "${listener.id}"; acquire it first`,
  );
}

function sameSequences(sequences: readonly number[], events: readonly LogEvent[]): boolean {
  return (
    sequences.length === events.length && sequences.every((sequence, i) => events[i]?.sequence === sequence)
  );
}

/** After a failed attempt of several events, only the first is tried next; otherwise a full batch. */
function newBatch(current: WebhookListener["delivery"], pending: readonly LogEvent[]): LogEvent[] {
  const narrow =
    current !== null &&
    current.failed &&
    current.sequences.length > 1 &&
    current.sequences[0] === pending[0]?.sequence;
  return narrow ? pending.slice(0, 1) : [...pending];
}
