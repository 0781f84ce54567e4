import { pino } from "pino";
import { readProcessEnvironment } from "../environment.js";
import { runBuiltInListener } from "../listener-kit/run-listener.js";
import { ChatbotConfigError, loadChatbotConfig } from "./chatbot-config.js";
import { createChatbotListener } from "./chatbot.listener.js";

// The chatbot as its own process: `node --import tsx bridge/src/chatbot/main.ts` (port 3004 by default).
let config;
try {
  config = loadChatbotConfig(readProcessEnvironment());
} catch (error) {
  process.stderr.write(`${error instanceof ChatbotConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}
const logger = pino({ level: config.logLevel, base: { service: "chatbot" } });
const shutdown = new AbortController();
const running = runBuiltInListener(createChatbotListener(config, { logger }), {
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
  logger.info({ url }, "chatbot listening");
} catch (error) {
  if (!shutdown.signal.aborted) {
    logger.fatal({ err: error }, "the chatbot could not start");
    process.exit(1);
  }
}
