import type { Database } from "better-sqlite3";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "pino";

/** SQLite's own automatic checkpoint interval (pages), restored when the background checkpointer fails. */
const SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES = 1000;

export interface CheckpointerOptions {
  /** How often the write counter is looked at. */
  readonly intervalMs?: number;
  /** Rows changed since the last checkpoint before the first one starts the worker. */
  readonly firstCheckpointAfterChanges?: number;
  /** The better-sqlite3 module the worker opens its connection with (tests pass one that fails). */
  readonly driverModule?: string;
}

export interface Checkpointer {
  /** Checkpoints completed by the worker so far. */
  readonly completed: () => number;
  /** Whether SQLite's automatic checkpoints were switched back on after the worker failed. */
  readonly fellBack: () => boolean;
  /** Stops the timer and closes the worker's connection. Safe to call more than once. */
  readonly close: () => Promise<void>;
}

// Plain CommonJS run with `eval`, so the worker needs no TypeScript loader.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.driverModule);
const connection = new Database(workerData.file, { fileMustExist: true });
parentPort.on("message", (message) => {
  if (message === "close") {
    connection.close();
    parentPort.close();
    return;
  }
  const [result] = connection.pragma("wal_checkpoint(PASSIVE)");
  parentPort.postMessage(result);
});
`;

/**
 * Moves SQLite's WAL checkpoints off the event loop. By default the connection that commits runs a checkpoint
 * whenever the WAL passes 1,000 pages: it copies pages into the database file and fsyncs it inside that commit,
 * which blocked request handling for milliseconds (tens under write load) on one commit in ~30. Here the
 * portal's connection never checkpoints; a worker thread with its own connection runs PASSIVE checkpoints
 * (which never wait for nor block readers and writers) whenever rows changed since the last one. The worker
 * starts only once enough was written, so short-lived databases (tests, CLI commands) never start it. If it
 * fails, the connection goes back to SQLite's automatic checkpoints, so the WAL can never grow unchecked.
 */
export function startBackgroundCheckpoints(
  connection: Database,
  file: string,
  logger: Logger,
  options: CheckpointerOptions = {},
): Checkpointer {
  const driverModule = options.driverModule ?? createRequire(import.meta.url).resolve("better-sqlite3");
  const firstAfter = options.firstCheckpointAfterChanges ?? 500;
  connection.pragma("wal_autocheckpoint = 0");
  const totalChanges = connection.prepare("select total_changes()").pluck();
  let changesAtLastCheckpoint = 0;
  let worker: Worker | undefined;
  let running = false;
  let completed = 0;
  let fellBack = false;
  let closing: Promise<void> | undefined;

  function fallBack(reason: string): void {
    if (fellBack || closing) return;
    fellBack = true;
    clearInterval(timer);
    connection.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_AUTOCHECKPOINT_PAGES}`);
    logger.warn({ file, reason }, "background WAL checkpoints failed; SQLite checkpoints on commit again");
    void worker?.terminate();
  }

  function startWorker(): Worker {
    const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driverModule } });
    started.unref();
    started.on("message", () => {
      running = false;
      completed += 1;
    });
    started.on("error", (error) => fallBack(error.message));
    started.on("exit", (code) => {
      if (!closing) fallBack(`the checkpoint worker exited with code ${code}`);
    });
    return started;
  }

  function check(): void {
    if (running || closing || fellBack) return;
    let changes: number;
    try {
      changes = totalChanges.get() as number;
    } catch {
      return; // the connection is busy streaming a query; look again at the next tick
    }
    const written = changes - changesAtLastCheckpoint;
    if (written === 0 || (!worker && written < firstAfter)) return;
    changesAtLastCheckpoint = changes;
    running = true;
    worker ??= startWorker();
    worker.postMessage("checkpoint");
  }

  const timer = setInterval(check, options.intervalMs ?? 100);
  timer.unref();

  return {
    completed: () => completed,
    fellBack: () => fellBack,
    close() {
      closing ??= (async () => {
        clearInterval(timer);
        const current = worker;
        if (!current || fellBack) return;
        const exited = new Promise<void>((resolve) => current.once("exit", () => resolve()));
        // Referenced again so that the process waits for the worker's connection to close.
        current.ref();
        current.postMessage("close");
        await exited;
      })();
      return closing;
    },
  };
}
