import type { Logger } from "pino";

export const AUDIT_RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface AuditRetentionSchedulerOptions {
  /** Usually `services.auditLog.purgeExpiredAuditEntries`; resolves to how many entries it deleted. */
  readonly purge: () => Promise<number>;
  readonly logger: Logger;
  /** Default: hourly. */
  readonly intervalMs?: number;
}

export interface AuditRetentionScheduler {
  /** Purges once now, then every interval. The timer does not keep the process alive. */
  start(): void;
  /** Stops the timer and waits for a purge in progress. */
  stop(): Promise<void>;
}

/**
 * Runs the audit-log purge on a timer. A failed run is logged and retried at the next interval; runs never
 * overlap. Every replica may run it: the purge is an idempotent delete.
 */
export function createAuditRetentionScheduler(
  options: AuditRetentionSchedulerOptions,
): AuditRetentionScheduler {
  const intervalMs = options.intervalMs ?? AUDIT_RETENTION_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const runOnce = (): void => {
    if (running) return;
    running = options
      .purge()
      .then((deleted) => {
        if (deleted > 0) options.logger.info({ deleted }, "expired audit log entries purged");
      })
      .catch((error: unknown) => {
        options.logger.error({ err: error }, "audit log purge failed; retrying at the next interval");
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
