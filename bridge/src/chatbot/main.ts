import { readProcessEnvironment } from "../environment.js";
import { listenerLogger, loadConfigOrExit, serveListenerProcess } from "../listener-kit/listener-process.js";
import { ChatbotConfigError, loadChatbotConfig } from "./chatbot-config.js";
import { createChatbotListener } from "./chatbot.listener.js";

// The chatbot as its own process: `node --import tsx/esm bridge/src/chatbot/main.ts` (port 3004 by default).
const config = loadConfigOrExit(
  () => loadChatbotConfig(readProcessEnvironment()),
  (error) => error instanceof ChatbotConfigError,
);
const logger = listenerLogger("chatbot", config);
await serveListenerProcess(createChatbotListener(config, { logger }), config, logger);
