import { readProcessEnvironment } from "../environment.js";
import { listenerLogger, loadConfigOrExit, serveListenerProcess } from "../listener-kit/listener-process.js";
import { loadMailerConfig, MailerConfigError } from "./mailer-config.js";
import { createMailerListener } from "./mailer.listener.js";

// The mailer as its own process: `node --import tsx/esm bridge/src/mailer/main.ts` (port 3003 by default).
const config = loadConfigOrExit(
  () => loadMailerConfig(readProcessEnvironment()),
  (error) => error instanceof MailerConfigError,
);
const logger = listenerLogger("mailer", config);
await serveListenerProcess(createMailerListener(config, { logger }), config, logger);
