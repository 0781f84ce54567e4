import { pino } from "pino";
import { createBridge } from "./bridge.js";
import { BridgeConfigError, loadBridgeConfig } from "./bridge-config.js";
import { readProcessEnvironment } from "./environment.js";

// Process entry: `node --import tsx bridge/src/main.ts`.
let config;
try {
  config = loadBridgeConfig(readProcessEnvironment());
} catch (error) {
  process.stderr.write(`${error instanceof BridgeConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, base: { service: "bridge" } });
const bridge = createBridge(config, logger);

let stopping: Promise<void> | undefined;
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    logger.info({ signal }, "stopping");
    stopping ??= bridge.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "stopping failed");
        process.exit(1);
      },
    );
  });
}

await bridge.start();
