import { pino } from "pino";
import { createBridge } from "./bridge.js";
import { BridgeConfigError, loadBridgeConfig } from "./bridge-config.js";
import { readProcessEnvironment } from "./environment.js";
import { startHostedListeners } from "./hosted-listeners.js";
import type { RunningListener } from "./listener-kit/run-listener.js";

// Process entry: `node --import tsx/esm bridge/src/main.ts`.
const env = readProcessEnvironment();
let config;
try {
  config = loadBridgeConfig(env);
} catch (error) {
  process.stderr.write(`${error instanceof BridgeConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, base: { service: "bridge" } });
const bridge = createBridge(config, logger);
const shutdown = new AbortController();
let hosted: RunningListener[] = [];

let stopping: Promise<void> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    logger.info({ signal }, "stopping");
    shutdown.abort();
    stopping ??= Promise.all(hosted.map((listener) => listener.close()))
      .then(() => bridge.stop())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "stopping failed");
          process.exit(1);
        },
      );
  });
}

await bridge.start();
try {
  const started = await startHostedListeners(config, env, logger, shutdown.signal);
  hosted = started.running;
  const line = started.decisions.map((decision) => `${decision.name} ${decision.reason}`).join("; ");
  process.stdout.write(`Built-in listeners: ${line}\n`);
} catch (error) {
  if (!shutdown.signal.aborted) {
    logger.fatal({ err: error }, "a built-in listener could not start; stopping the bridge");
    await bridge.stop();
    process.exit(1);
  }
}
