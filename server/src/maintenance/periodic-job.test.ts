import { afterEach, describe, expect, it, vi } from "vitest";
import { createCapturedLogger } from "../observability/captured-logger.js";
import { createPeriodicJob } from "./periodic-job.js";

afterEach(() => {
  vi.useRealTimers();
});

describe("periodic clean-up job", () => {
  it("purges at start and then every interval until stopped", async () => {
    vi.useFakeTimers();
    const purge = vi.fn(() => Promise.resolve(3));
    const captured = createCapturedLogger("debug");
    const scheduler = createPeriodicJob({
      name: "expired audit log entries",
      purge,
      logger: captured.logger,
      intervalMs: 1000,
    });
    scheduler.start();
    scheduler.start();
    expect(purge).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2500);
    expect(purge).toHaveBeenCalledTimes(3);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(purge).toHaveBeenCalledTimes(3);
    expect(captured.lines.filter((line) => line.msg === "expired audit log entries purged")).toHaveLength(3);
  });

  it("logs a failed purge and tries again at the next interval; runs never overlap", async () => {
    vi.useFakeTimers();
    let release: (() => void) | undefined;
    let calls = 0;
    const purge = vi.fn(() => {
      calls += 1;
      if (calls === 1) return Promise.reject(new Error("database is down"));
      return new Promise<number>((resolve) => {
        release = () => resolve(0);
      });
    });
    const captured = createCapturedLogger("debug");
    const scheduler = createPeriodicJob({
      name: "expired audit log entries",
      purge,
      logger: captured.logger,
      intervalMs: 1000,
    });
    scheduler.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(
      captured.lines.some(
        (line) => line.msg === "purging expired audit log entries failed; retrying at the next interval",
      ),
    ).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(purge).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(3000);
    expect(purge).toHaveBeenCalledTimes(2);
    const stopped = scheduler.stop();
    release?.();
    await stopped;
    expect(captured.lines.some((line) => line.msg === "expired audit log entries purged")).toBe(false);
  });

  it("does not keep the process alive", () => {
    const scheduler = createPeriodicJob({
      name: "expired audit log entries",
      purge: () => Promise.resolve(0),
      logger: createCapturedLogger("debug").logger,
    });
    const spy = vi.spyOn(globalThis, "setInterval");
    scheduler.start();
    const timer = spy.mock.results[0]?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    spy.mockRestore();
    return scheduler.stop();
  });
});
