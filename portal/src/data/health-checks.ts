import { durationText } from "../components/time-text";
import type { SystemHealthQuery } from "../gql/graphql";

/** The body of `GET /readyz` (server/src/observability/readiness.ts); only its status is used here. */
export interface ReadinessReport {
  readonly status: "ok" | "unavailable" | "draining";
}

export type SystemHealth = SystemHealthQuery["systemHealth"];
type ListenerHealth = SystemHealth["webhookListeners"][number];

export type HealthLevel = "ok" | "warning" | "problem";

/** One component of the system as the health page shows it. */
export interface HealthCheck {
  readonly name: string;
  readonly level: HealthLevel;
  readonly detail: string;
}

/** A listener whose oldest pending event waits longer than this is behind. */
export const LAG_WARNING_SECONDS = 60;

function listenerCheck(listener: ListenerHealth): HealthCheck {
  const name = `Listener ${listener.id}`;
  const backlog = `${listener.backlog} pending, lag ${listener.backlog === 0 ? "none" : durationText(listener.lagSeconds)}`;
  if (listener.failing) {
    return { name, level: "problem", detail: `${listener.consecutiveFailures} failed deliveries in a row; ${backlog}` };
  }
  if (listener.deadLetters > 0) return { name, level: "warning", detail: `${listener.deadLetters} dead letters; ${backlog}` };
  if (listener.backlog > 0 && listener.lagSeconds > LAG_WARNING_SECONDS) {
    return { name, level: "warning", detail: `behind (is the bridge running?): ${backlog}` };
  }
  return { name, level: "ok", detail: backlog };
}

/** Every component's health from the server's readiness and its health report (null when either failed). */
export function healthChecks(readiness: ReadinessReport | null, health: SystemHealth | null): HealthCheck[] {
  const server: HealthCheck = !readiness
    ? { name: "Server", level: "problem", detail: "does not answer its readiness check (/readyz)" }
    : {
        name: "Server",
        level: readiness.status === "ok" ? "ok" : "problem",
        detail: readiness.status === "ok" ? "ready" : readiness.status === "draining" ? "shutting down" : "not ready",
      };
  if (!health) return [server, { name: "Health report", level: "problem", detail: "could not be read" }];
  const { database, eventLog } = health;
  const checks: HealthCheck[] = [
    server,
    {
      name: "Database",
      level: database.reachable ? "ok" : "problem",
      detail: database.reachable ? `answers in ${database.latencyMs} ms` : (database.error ?? "no answer"),
    },
    {
      name: "Event log",
      level: eventLog ? "ok" : "problem",
      detail: !eventLog
        ? "cannot be read"
        : Number(eventLog.headSequence) === 0
          ? "empty"
          : `newest event #${String(eventLog.headSequence)}, ${durationText(eventLog.headAgeSeconds ?? 0)} ago`,
    },
    { name: "Static configuration", level: "ok", detail: `loaded (${health.configHash.slice(0, 12)})` },
  ];
  if (health.webhookListeners.length === 0) {
    checks.push({ name: "Webhook listeners", level: "ok", detail: "none registered" });
  } else checks.push(...health.webhookListeners.map(listenerCheck));
  return checks;
}

