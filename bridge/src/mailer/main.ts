import { pino } from "pino";
import { readProcessEnvironment } from "../environment.js";
import { runBuiltInListener } from "../listener-kit/run-listener.js";
import { loadMailerConfig, MailerConfigError } from "./mailer-config.js";
import { createMailerListener } from "./mailer.listener.js";

// The mailer as its own process: `node --import tsx bridge/src/mailer/main.ts` (port 3003 by default).
let config;
try {
  config = loadMailerConfig(readProcessEnvironment());
} catch (error) {
  process.stderr.write(`${error instanceof MailerConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, base: { service: "mailer" } });
const shutdown = new AbortController();
const running = runBuiltInListener(createMailerListener(config, { logger }), {
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
      .then((listener) => listener.close())
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
  logger.info({ url }, "mailer listening");
} catch (error) {
  if (!shutdown.signal.aborted) {
    logger.fatal({ err: error }, "the mailer could not start");
    process.exit(1);
  }
}
