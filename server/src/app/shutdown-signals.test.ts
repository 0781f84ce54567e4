import { describe, expect, it } from "vitest";
import { createCapturedLogger } from "../observability/captured-logger.js";
import { exitOnShutdownSignal, type ShutdownSignal, type SignalTarget } from "./shutdown-signals.js";

function fakeProcess() {
  const listeners = new Map<ShutdownSignal, () => void>();
  const exits: number[] = [];
  let exited: (code: number) => void = () => {};
  const exitedOnce = new Promise<number>((resolve) => (exited = resolve));
  const target: SignalTarget = {
    on: (signal, listener) => listeners.set(signal, listener),
    exit: (code) => {
      exits.push(code);
      exited(code);
    },
  };
  return { target, exits, exitedOnce, send: (signal: ShutdownSignal) => listeners.get(signal)?.() };
}

describe("exitOnShutdownSignal", () => {
  it("closes once on the first signal and exits 0; later signals are only logged", async () => {
    const { logger, lines } = createCapturedLogger("info");
    const fake = fakeProcess();
    let closes = 0;
    let finishClose: () => void = () => {};
    exitOnShutdownSignal(
      {
        close: () => {
          closes += 1;
          return new Promise<void>((resolve) => (finishClose = resolve));
        },
      },
      logger,
      fake.target,
    );
    fake.send("SIGINT");
    fake.send("SIGINT");
    fake.send("SIGTERM");
    expect(closes).toBe(1);
    expect(fake.exits).toEqual([]);
    finishClose();
    expect(await fake.exitedOnce).toBe(0);
    expect(fake.exits).toEqual([0]);
    expect(lines.filter((l) => l.msg === "already shutting down")).toHaveLength(2);
    expect(lines.find((l) => l.msg === "shutdown signal received")).toMatchObject({ signal: "SIGINT" });
  });

  it("exits 1 when closing fails", async () => {
    const { logger, lines } = createCapturedLogger("info");
    const fake = fakeProcess();
    exitOnShutdownSignal({ close: () => Promise.reject(new Error("pool end failed")) }, logger, fake.target);
    fake.send("SIGTERM");
    expect(await fake.exitedOnce).toBe(1);
    expect(lines.find((l) => l.msg === "shutdown failed")).toMatchObject({
      err: { message: "pool end failed" },
    });
  });
});
