import type { Logger } from "pino";
import { backoffDelay } from "./backoff.js";
import type { BridgeConfig } from "./bridge-config.js";
import {
  PortalRequestError,
  type AttemptOutcome,
  type Delivery,
  type Lease,
  type ListenerSummary,
  type PortalClient,
} from "./portal-client.js";
import { webhookHeaders } from "./standard-webhooks.js";
import { WakeSignal } from "./wake-signal.js";

export interface ListenerWorkerOptions {
  readonly listenerId: string;
  readonly config: BridgeConfig;
  readonly client: PortalClient;
  readonly logger: Logger;
  /** Whether the live event stream is up (idle listeners are then checked rarely). */
  readonly streamConnected: () => boolean;
  readonly clock?: () => Date;
}

/**
 * Delivers one listener's events, one delivery at a time so its order holds: lease the listener, claim the next
 * delivery, POST it signed, record the outcome (a 2xx acknowledges it), and on failure wait with exponential
 * backoff and jitter, or give a single event up to the dead letters after `maxAttempts` or `maxRetrySeconds`.
 * Listeners have a worker each, so a slow or failing listener never holds another one up.
 */
export class ListenerWorker {
  private readonly wakeSignal = new WakeSignal();
  private readonly log: Logger;
  private readonly clock: () => Date;
  private lease: Lease | null = null;
  private renewTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private inFlight: AbortController | undefined;
  private loop: Promise<void> | undefined;
  private patterns: readonly string[] = [];

  constructor(private readonly options: ListenerWorkerOptions) {
    this.log = options.logger.child({ listenerId: options.listenerId });
    this.clock = options.clock ?? (() => new Date());
  }

  get events(): readonly string[] {
    return this.patterns;
  }

  /** The listener's filter, from the last listing (used to decide which events wake this worker). */
  update(listener: ListenerSummary): void {
    this.patterns = listener.events;
  }

  wake(): void {
    this.wakeSignal.wake();
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops after aborting a delivery in flight (it is attempted again later, with the same `webhook-id`). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.inFlight?.abort();
    this.wakeSignal.wake();
    await this.loop;
    clearInterval(this.renewTimer);
    if (this.lease) {
      await this.options.client
        .releaseLease(this.options.listenerId, this.options.config.holderId)
        .catch((error: unknown) =>
          this.log.warn({ err: error }, "releasing the lease failed; it will expire"),
        );
      this.lease = null;
    }
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        const next = await this.step();
        failures = 0;
        if (next.kind === "idle") await this.idle();
        if (next.kind === "wait") await this.wakeSignal.wait(next.ms);
        if (next.kind === "gone") return;
      } catch (error) {
        failures += 1;
        if (error instanceof PortalRequestError && error.status === 409) this.lease = null;
        if (this.stopped) return;
        const delay = backoffDelay(failures, 250, this.options.config.pollIntervalMs * 5);
        this.log.warn({ err: error, retryInMs: delay }, "talking to the portal failed");
        await this.pause(delay);
      }
    }
  }

  /** One unit of work; tells the loop what to do next. */
  private async step(): Promise<{ kind: "again" | "idle" | "gone" } | { kind: "wait"; ms: number }> {
    const { client, config, listenerId } = this.options;
    if (!this.lease) {
      const acquired = await this.acquire();
      if (acquired !== "acquired")
        return acquired === "gone" ? { kind: "gone" } : { kind: "wait", ms: this.leaseRetryMs() };
    }
    let delivery: Delivery | null;
    try {
      delivery = await client.claim(listenerId, config.holderId, config.batchSize);
    } catch (error) {
      if (error instanceof PortalRequestError && error.status === 404) return { kind: "gone" };
      throw error;
    }
    if (!delivery) return { kind: "idle" };
    const lease = this.lease;
    if (!lease) return { kind: "again" };
    const outcome = await this.post(lease, delivery);
    if (this.stopped) return { kind: "gone" };
    const result = await client.recordAttempt(listenerId, delivery.attemptId, config.holderId, outcome);
    const answered2xx = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
    // Nothing left: wait for news (a wake that came in meanwhile is kept) instead of a claim that finds nothing.
    if (result.acknowledged || answered2xx) return { kind: result.pending === false ? "idle" : "again" };
    const age =
      (this.clock().getTime() - Date.parse(result.firstAttemptAt ?? delivery.firstAttemptAt)) / 1000;
    const single = delivery.events.length === 1;
    if (single && (result.attempt >= config.maxAttempts || age >= config.maxRetrySeconds)) {
      const reason = `${outcome.error ?? `HTTP ${outcome.statusCode}`} after ${result.attempt} attempt${result.attempt === 1 ? "" : "s"}`;
      await client.deadLetter(listenerId, delivery.deliveryId, config.holderId, reason);
      this.log.warn({ sequence: delivery.events[0]?.sequence, reason }, "event moved to the dead letters");
      return { kind: "again" };
    }
    const ms = backoffDelay(result.consecutiveFailures, config.backoffBaseMs, config.backoffMaxMs);
    this.log.info(
      {
        deliveryId: delivery.deliveryId,
        attempt: result.attempt,
        status: outcome.statusCode,
        error: outcome.error,
        retryInMs: ms,
      },
      "delivery failed; retrying",
    );
    await this.pause(ms);
    return { kind: "again" };
  }

  private async acquire(): Promise<"acquired" | "held" | "gone"> {
    const { client, config, listenerId } = this.options;
    try {
      this.lease = await client.acquireLease(listenerId, config.holderId, config.leaseTtlSeconds);
    } catch (error) {
      if (error instanceof PortalRequestError && error.status === 409) return "held";
      if (error instanceof PortalRequestError && error.status === 404) return "gone";
      throw error;
    }
    this.log.info({ holder: config.holderId, expiresAt: this.lease.expiresAt }, "delivery lease acquired");
    clearInterval(this.renewTimer);
    this.renewTimer = setInterval(() => void this.renew(), (config.leaseTtlSeconds * 1000) / 3);
    this.renewTimer.unref();
    return "acquired";
  }

  /** Renews the lease in the background; a lost lease makes the next step acquire it again (or wait). */
  private async renew(): Promise<void> {
    const { client, config, listenerId } = this.options;
    if (!this.lease || this.stopped) return;
    try {
      this.lease = await client.acquireLease(listenerId, config.holderId, config.leaseTtlSeconds);
    } catch (error) {
      if (error instanceof PortalRequestError && (error.status === 409 || error.status === 404)) {
        this.log.warn({ err: error }, "delivery lease lost");
        this.lease = null;
        clearInterval(this.renewTimer);
        this.inFlight?.abort();
      } else {
        this.log.warn({ err: error }, "renewing the delivery lease failed; retrying");
      }
    }
  }

  /** POSTs the delivery as a signed JSON array and reports what happened (never throws). */
  private async post(lease: Lease, delivery: Delivery): Promise<AttemptOutcome> {
    const body = JSON.stringify(delivery.events);
    const started = performance.now();
    const controller = new AbortController();
    this.inFlight = controller;
    const timeout = setTimeout(() => controller.abort(), this.options.config.deliveryTimeoutMs);
    try {
      const response = await fetch(lease.listener.url, {
        method: "POST",
        headers: webhookHeaders(lease.listener.secret, delivery.deliveryId, body, this.clock()),
        body,
        signal: controller.signal,
        redirect: "manual",
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return {
        statusCode: response.status,
        error: ok ? null : `HTTP ${response.status}`,
        durationMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      const reason = controller.signal.aborted
        ? `no answer within ${this.options.config.deliveryTimeoutMs} ms`
        : causeOf(error);
      return { statusCode: null, error: reason, durationMs: Math.round(performance.now() - started) };
    } finally {
      clearTimeout(timeout);
      this.inFlight = undefined;
    }
  }

  private idle(): Promise<void> {
    const { config, streamConnected } = this.options;
    return this.wakeSignal.wait(streamConnected() ? config.idleCheckMs : config.pollIntervalMs);
  }

  /** Waits without being woken by new events (a retry must wait its backoff); only stopping cuts it short. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (!this.stopped && Date.now() < until) await this.wakeSignal.wait(until - Date.now());
  }

  private leaseRetryMs(): number {
    return Math.max(250, (this.options.config.leaseTtlSeconds * 1000) / 3);
  }
}

function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = typeof cause === "object" && cause !== null && "code" in cause ? String(cause.code) : null;
  const message = cause instanceof Error ? cause.message : String(cause);
  return (code ? `${code}: ${message}` : message).slice(0, 500);
}
