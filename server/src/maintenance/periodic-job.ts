import type { Logger } from "pino";

export const HOURLY_MS = 60 * 60 * 1000;

export interface PeriodicJobOptions {
  /** Names the job in log lines, e.g. `expired audit log entries`. */
  readonly name: string;
  /** Deletes what has expired; resolves to how many rows it deleted. */
  readonly purge: () => Promise<number>;
  readonly logger: Logger;
  /** Default: hourly. */
  readonly intervalMs?: number;
}

export interface PeriodicJob {
  /** Runs once now, then every interval. The timer does not keep the process alive. */
  start(): void;
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs a clean-up on a timer. A failed run is logged and retried at the next interval; runs never overlap. Every
 * replica may run it: clean-ups are idempotent deletes.
 */
export function createPeriodicJob(options: PeriodicJobOptions): PeriodicJob {
  const intervalMs = options.intervalMs ?? HOURLY_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = (): void => {
    if (running) return;
    running = options
      .purge()
      .then((deleted) => {
        if (deleted > 0) options.logger.info({ deleted, job: options.name }, `${options.name} purged`);
      })
      .catch((error: unknown) => {
        options.logger.error(
          { err: error, job: options.name },
          `purging ${options.name} failed; retrying at the next interval`,
        );
      })
      .finally(() => {
        running = undefined;
      });
  };

  return {
    start() {
      if (timer) return;
      timer = setInterval(runOnce, intervalMs);
      timer.unref();
      runOnce();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
