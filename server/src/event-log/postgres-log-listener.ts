import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import type { Logger } from "pino";

/** The channel appending transactions notify (`commit-order.ts`); PostgreSQL delivers it when they commit. */
export const LOG_APPENDS_CHANNEL = "portal_event_log";

export interface PostgresLogListener {
  stop(): Promise<void>;
}

/**
 * Holds one connection (outside the pool) that `LISTEN`s for appends to the log, so every replica wakes its
 * readers when any replica commits events. After a lost connection it connects again with back-off and calls
 * `onAppend` once, since notifications sent meanwhile are gone; the readers' poll covers the gap anyway.
 */
export function listenForLogAppends(options: {
  readonly url: string;
  readonly logger: Logger;
  readonly onAppend: () => void;
}): PostgresLogListener {
  let stopped = false;
  let client: pg.Client | undefined;
  let wakeStop: (() => void) | undefined;

  const listenOnce = async (): Promise<void> => {
    const connection = new pg.Client({ connectionString: options.url });
    client = connection;
    const lost = new Promise<void>((resolve) => {
      connection.on("error", (error) => {
        options.logger.warn({ err: error }, "the event log's LISTEN connection failed; reconnecting");
        resolve();
      });
      connection.on("end", () => resolve());
      wakeStop = resolve;
    });
    connection.on("notification", () => options.onAppend());
    await connection.connect();
    await connection.query(`listen ${LOG_APPENDS_CHANNEL}`);
    options.onAppend();
    await lost;
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        await listenOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (!stopped) options.logger.warn({ err: error, failures }, "cannot LISTEN for event log appends");
      } finally {
        await client?.end().catch(() => undefined);
        client = undefined;
      }
      if (!stopped) await sleep(Math.min(250 * 2 ** failures, 10_000));
    }
  };
  const loop = run();

  return {
    async stop() {
      stopped = true;
      wakeStop?.();
      await client?.end().catch(() => undefined);
      await loop;
    },
  };
}
