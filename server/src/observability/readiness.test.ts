import { describe, expect, it } from "vitest";
import { createReadinessCheck } from "./readiness.js";

describe("createReadinessCheck", () => {
  it("is ok when the database answers and a configuration is loaded", async () => {
    const check = createReadinessCheck({ ping: () => Promise.resolve(), configHash: () => "abc" });
    const report = await check();
    expect(report).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, config: { ok: true, hash: "abc" } },
    });
    expect(report.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
    expect(report.checks.database.error).toBeUndefined();
  });

  it("reports the database error", async () => {
    const check = createReadinessCheck({
      ping: () => Promise.reject(new Error("connection refused")),
      configHash: () => "abc",
    });
    expect(await check()).toMatchObject({
      status: "unavailable",
      checks: { database: { ok: false, error: "connection refused" }, config: { ok: true } },
    });
  });

  it("fails a ping that does not answer in time", async () => {
    const check = createReadinessCheck({
      ping: () => new Promise(() => {}),
      configHash: () => "abc",
      pingTimeoutMs: 50,
    });
    const report = await check();
    expect(report.status).toBe("unavailable");
    expect(report.checks.database.error).toBe("no answer within 50 ms");
  });

  it("is unavailable without a loaded configuration", async () => {
    const check = createReadinessCheck({ ping: () => Promise.resolve(), configHash: () => undefined });
    expect(await check()).toMatchObject({
      status: "unavailable",
      checks: { config: { ok: false, hash: null } },
    });
  });

  it("shares one ping between concurrent probes", async () => {
    let pings = 0;
    let answer: () => void = () => {};
    const check = createReadinessCheck({
      ping: () => {
        pings += 1;
        return new Promise<void>((resolve) => (answer = resolve));
      },
      configHash: () => "abc",
    });
    const probes = [check(), check(), check()];
    answer();
    const reports = await Promise.all(probes);
    expect(pings).toBe(1);
    expect(reports.every((r) => r.status === "ok")).toBe(true);
    const next = check();
    answer();
    await next;
    expect(pings).toBe(2);
  });
});
