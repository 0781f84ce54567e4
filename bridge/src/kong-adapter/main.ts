import { readProcessEnvironment } from "../environment.js";
import { listenerLogger, loadConfigOrExit, serveListenerProcess } from "../listener-kit/listener-process.js";
import { formatOperation } from "./kong-diff.js";
import { KongAdapterConfigError, loadKongAdapterConfig } from "./kong-adapter-config.js";
import { createKongAdapterListener, reportStatistics } from "./kong-adapter.listener.js";

// The Kong adapter as its own process: `node --import tsx/esm bridge/src/kong-adapter/main.ts` (port 3002), or
// `... main.ts plan` to print what a full reconcile would change in Kong, without changing anything.
const config = loadConfigOrExit(
  () => loadKongAdapterConfig(readProcessEnvironment()),
  (error) => error instanceof KongAdapterConfigError,
);
const logger = listenerLogger("kong-adapter", config);
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

await serveListenerProcess(listener, config, logger);
