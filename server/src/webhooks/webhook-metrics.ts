import type { Kysely } from "kysely";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Tables } from "../database/tables.js";
import { listenerHealth, type ListenerHealth } from "./webhook-health.repository.js";

/** What the delivery service reports as it records attempts; the figures end up in `/metrics`. */
export interface WebhookDeliveryObserver {
  /** One recorded attempt. */
  attempt(listenerId: string, succeeded: boolean): void;
  /** Events a listener answered 2xx for: seconds from each event's `occurredAt` to the recorded answer. */
  delivered(listenerId: string, latenciesSeconds: readonly number[]): void;
  deadLettered(listenerId: string, events: number): void;
}

export interface WebhookMetrics extends WebhookDeliveryObserver {
  /** Adds the webhook metrics to a server's registry (its `/metrics`). */
  register(registry: Registry): void;
}

/** Scrapes within this many milliseconds share one reading of the database. */
const SNAPSHOT_REUSE_MS = 1000;

/**
 * Per-listener delivery metrics. Counters and the latency histogram are observed as this replica records
 * attempts; the gauges (backlog, lag, failures, dead letters) are read from the database when `/metrics` is
 * scraped, with a fixed number of statements however busy the log is, and shared by the four gauges.
 */
export function createWebhookMetrics(db: Kysely<Tables>, clock: () => Date): WebhookMetrics {
  let snapshot: { at: number; health: Promise<ListenerHealth[]> } | undefined;
  const readHealth = (): Promise<ListenerHealth[]> => {
    const now = Date.now();
    if (!snapshot || now - snapshot.at > SNAPSHOT_REUSE_MS) {
      snapshot = { at: now, health: listenerHealth(db, clock()) };
    }
    return snapshot.health;
  };
  const gauge = (name: string, help: string, value: (health: ListenerHealth) => number) =>
    new Gauge<"listener">({
      name,
      help,
      labelNames: ["listener"],
      registers: [],
      async collect() {
        const health = await readHealth();
        this.reset();
        for (const listener of health) this.set({ listener: listener.id }, value(listener));
      },
    });

  const attempts = new Counter<"listener" | "outcome">({
    name: "portal_webhook_delivery_attempts_total",
    help: "Delivery attempts recorded by this replica, by listener and outcome (success: a 2xx answer).",
    labelNames: ["listener", "outcome"],
    registers: [],
  });
  const latency = new Histogram<"listener">({
    name: "portal_webhook_delivery_latency_seconds",
    help: "Per event, from the change (the event's occurredAt) to the listener's recorded 2xx answer.",
    labelNames: ["listener"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [],
  });
  const deadLettered = new Counter<"listener">({
    name: "portal_webhook_dead_lettered_events_total",
    help: "Events moved to a listener's dead letters by this replica.",
    labelNames: ["listener"],
    registers: [],
  });
  const metrics = [
    attempts,
    latency,
    deadLettered,
    gauge(
      "portal_webhook_listener_backlog_events",
      "Pending events of a listener (dead letters being delivered again included).",
      (health) => health.backlog,
    ),
    gauge(
      "portal_webhook_listener_lag_seconds",
      "Age of a listener's oldest pending event; 0 when nothing is pending.",
      (health) => health.lagSeconds,
    ),
    gauge(
      "portal_webhook_listener_consecutive_failures",
      "Failed attempts since a listener's last successful delivery.",
      (health) => health.consecutiveFailures,
    ),
    gauge(
      "portal_webhook_listener_dead_letters",
      "Dead letters a listener has.",
      (health) => health.deadLetters,
    ),
  ];

  return {
    register(registry) {
      for (const metric of metrics) registry.registerMetric(metric);
    },
    attempt(listenerId, succeeded) {
      attempts.inc({ listener: listenerId, outcome: succeeded ? "success" : "failure" });
    },
    delivered(listenerId, latenciesSeconds) {
      for (const seconds of latenciesSeconds) latency.observe({ listener: listenerId }, seconds);
    },
    deadLettered(listenerId, events) {
      deadLettered.inc({ listener: listenerId }, events);
    },
  };
}
