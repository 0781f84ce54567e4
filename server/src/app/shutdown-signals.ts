import type { Logger } from "../observability/logger.js";

export type ShutdownSignal = "SIGTERM" | "SIGINT";

/** The part of `process` the handler needs; tests pass a fake. */
export interface SignalTarget {
  on(signal: ShutdownSignal, listener: () => void): unknown;
  exit(code: number): void;
}

/**
 * On the first SIGTERM or SIGINT, closes the portal and exits 0 (1 if closing failed). Later signals are only
 * logged: the close has its own timeout, and `npm start` forwards the terminal's Ctrl-C, so the process usually
 * receives SIGINT twice.
 */
export function exitOnShutdownSignal(
  portal: { close(): Promise<void> },
  logger: Logger,
  target: SignalTarget,
): void {
  let shuttingDown = false;
  const onSignal = (signal: ShutdownSignal) => {
    if (shuttingDown) {
      logger.info({ signal }, "already shutting down");
      return;
    }
    shuttingDown = true;
    logger.info({ signal }, "shutdown signal received");
    portal.close().then(
      () => target.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "shutdown failed");
        target.exit(1);
      },
    );
  };
  for (const signal of ["SIGTERM", "SIGINT"] as const) target.on(signal, () => onSignal(signal));
}
