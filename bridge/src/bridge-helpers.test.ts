import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff.js";
import { BridgeConfigError, loadBridgeConfig } from "./bridge-config.js";
import { matchesPatterns } from "./event-patterns.js";
import { WakeSignal } from "./wake-signal.js";

const token = "t".repeat(40);

describe("bridge helpers", () => {
  it("backs off exponentially with jitter between half and all of the step, up to the cap", () => {
    expect(backoffDelay(1, 100, 10_000, () => 0)).toBe(50);
    expect(backoffDelay(1, 100, 10_000, () => 1)).toBe(100);
    expect(backoffDelay(4, 100, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(4, 100, 10_000, () => 0)).toBe(400);
    expect(backoffDelay(50, 100, 10_000, () => 1)).toBe(10_000);
  });

  it("matches event names against a listener's patterns", () => {
    expect(matchesPatterns([], "user.created")).toBe(true);
    expect(matchesPatterns(["*"], "user.created")).toBe(true);
    expect(matchesPatterns(["user.*"], "user.created")).toBe(true);
    expect(matchesPatterns(["user.*"], "user_group.created")).toBe(false);
    expect(matchesPatterns(["user.created"], "user.deleted")).toBe(false);
  });

  it("keeps a wake that arrives while nobody waits", async () => {
    const signal = new WakeSignal();
    signal.wake();
    const started = Date.now();
    await signal.wait(5_000);
    expect(Date.now() - started).toBeLessThan(1_000);
    const waiting = signal.wait(5_000);
    signal.wake();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("reads its configuration once, with defaults, and names every bad variable without the token", () => {
    const config = loadBridgeConfig({ BRIDGE_TOKEN: token, BRIDGE_PORTAL_URL: "http://portal:3000/" });
    expect(config).toMatchObject({
      portalUrl: "http://portal:3000",
      token,
      batchSize: 100,
      maxAttempts: 8,
      leaseTtlSeconds: 30,
      logLevel: "info",
    });
    expect(config.holderId).toMatch(/:\d+:[0-9a-f]{6}$/);
    let error: unknown;
    try {
      loadBridgeConfig({ BRIDGE_TOKEN: "short", BRIDGE_BATCH_SIZE: "0", BRIDGE_PORTAL_URL: "nope" });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(BridgeConfigError);
    const problems = (error as BridgeConfigError).problems;
    expect(problems.map((p) => p.split("=")[0])).toEqual([
      "BRIDGE_PORTAL_URL",
      "BRIDGE_TOKEN",
      "BRIDGE_BATCH_SIZE",
    ]);
    expect(problems.join("\n")).not.toContain("short");
  });
});
