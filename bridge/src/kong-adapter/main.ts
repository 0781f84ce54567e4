import { pino } from "pino";
import { readProcessEnvironment } from "../environment.js";
import { runBuiltInListener } from "../listener-kit/run-listener.js";
import { formatOperation } from "./kong-diff.js";
import { KongAdapterConfigError, loadKongAdapterConfig } from "./kong-adapter-config.js";
import { createKongAdapterListener, reportStatistics } from "./kong-adapter.listener.js";

// The Kong adapter as its own process: `node --import tsx bridge/src/kong-adapter/main.ts` (port 3002), or
// `... main.ts plan` to print what a full reconcile would change in Kong, without changing anything.
let config;
try {
  config = loadKongAdapterConfig(readProcessEnvironment());
} catch (error) {
  process.stderr.write(`${error instanceof KongAdapterConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, base: { service: "kong-adapter" } });
const listener = createKongAdapterListener(config, { logger });

if (process.argv[2] === "plan") {
  try {
    const report = await listener.plan();
    for (const operation of report.operations) process.stdout.write(`${formatOperation(operation)}\n`);
    const { create, update, delete: remove } = report.summary;
    process.stdout.write(
      `Plan: ${create} to create, ${update} to update, ${remove} to delete (drift: ${report.drift}).\n`,
    );
    process.stdout.write(`${JSON.stringify(reportStatistics(report))}\n`);
    process.exit(0);
  } catch (error) {
    process.stderr.write(`plan failed: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

const shutdown = new AbortController();
const running = runBuiltInListener(listener, {
  portalUrl: config.portalUrl,
  token: config.token,
  host: config.host,
  port: config.port,
  ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
  logger,
  signal: shutdown.signal,
});

let stopping: Promise<void> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    logger.info({ signal }, "stopping");
    shutdown.abort();
    stopping ??= running
      .then((started) => started.close())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "stopping failed");
          process.exit(1);
        },
      );
  });
}

try {
  const { url } = await running;
  logger.info({ url }, "kong adapter listening");
} catch (error) {
  if (!shutdown.signal.aborted) {
    logger.fatal({ err: error }, "the Kong adapter could not start");
    process.exit(1);
  }
}
