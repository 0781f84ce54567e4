import { describe, expect, it } from "vitest";
import { healthChecks } from "./health-checks";

type Health = NonNullable<Parameters<typeof healthChecks>[1]>;
type Listener = Health["webhookListeners"][number];

const listener = (overrides: Partial<Listener> = {}): Listener => ({
  id: "mailer",
  backlog: 0,
  lagSeconds: 0,
  failing: false,
  consecutiveFailures: 0,
  deadLetters: 0,
  lastSuccessAt: null,
  ...overrides,
});

const health = (overrides: Partial<Health> = {}): Health => ({
  checkedAt: "2026-01-01T00:00:00Z",
  configHash: "abcdef0123456789",
  database: { reachable: true, latencyMs: 1.5, error: null },
  eventLog: { headSequence: 42, headOccurredAt: "2026-01-01T00:00:00Z", headAgeSeconds: 120 },
  webhookListeners: [listener()],
  ...overrides,
});

describe("healthChecks", () => {
  it("lists the server, database, event log, configuration and each listener", () => {
    const checks = healthChecks({ status: "ok" }, health());
    expect(checks.map((check) => [check.name, check.level, check.detail])).toEqual([
      ["Server", "ok", "ready"],
      ["Database", "ok", "answers in 1.5 ms"],
      ["Event log", "ok", "newest event #42, 2 minutes ago"],
      ["Static configuration", "ok", "loaded (abcdef012345)"],
      ["Listener mailer", "ok", "0 pending, lag none"],
    ]);
  });

  it("reports an unreachable database, a server that is not ready, and reports that could not be read", () => {
    const down = health({ database: { reachable: false, latencyMs: 2000, error: "timeout" }, eventLog: null });
    expect(healthChecks({ status: "unavailable" }, down).slice(0, 3)).toEqual([
      { name: "Server", level: "problem", detail: "not ready" },
      { name: "Database", level: "problem", detail: "timeout" },
      { name: "Event log", level: "problem", detail: "cannot be read" },
    ]);
    expect(healthChecks(null, null).map((check) => check.level)).toEqual(["problem", "problem"]);
  });

  it("calls failing listeners problems, dead letters and a long lag warnings", () => {
    const failing = listener({ failing: true, consecutiveFailures: 3, backlog: 5, lagSeconds: 120 });
    expect(healthChecks({ status: "ok" }, health({ webhookListeners: [failing] }))[4]).toEqual({
      name: "Listener mailer",
      level: "problem",
      detail: "3 failed deliveries in a row; 5 pending, lag 2 minutes",
    });
    const levels = [listener({ deadLetters: 2 }), listener({ backlog: 4, lagSeconds: 600 }), listener({ backlog: 4, lagSeconds: 5 })].map(
      (entry) => healthChecks({ status: "ok" }, health({ webhookListeners: [entry] }))[4]?.level,
    );
    expect(levels).toEqual(["warning", "warning", "ok"]);
  });
});
