import { z } from "zod";
import { ConfigError, logLevelSchema, parseVariables, wholeNumber } from "../config-variables.js";
import type { Environment } from "../environment.js";
import type { ChatDeliveryPolicy } from "./chat-delivery.js";

/** The chatbot's settings from the environment; its targets and templates come from the portal at start. */
export interface ChatbotConfig {
  readonly portalUrl: string;
  /** A read-write service account of the portal (it records every message in the outbound-message ledger). */
  readonly token: string;
  /** Where its own process listens (`main.ts`); the bridge process hosts it without a port of its own. */
  readonly host: string;
  readonly port: number;
  /** The URL the bridge calls, when it is not `http://host:port/` (a proxy, a container name). */
  readonly publicUrl: string | null;
  readonly delivery: ChatDeliveryPolicy;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /**
   * The secret webhook URL in the environment variable a target names (`chatbot.targets[].urlVariable`), read
   * from the same snapshot as everything else; undefined when it is not set.
   */
  webhookUrl(variable: string): string | undefined;
}

/** Every variable with its default (the target URL variables are named by the static configuration). */
export const chatbotVariables = {
  CHATBOT_PORTAL_URL: z.url("must be a URL").default("http://127.0.0.1:3000"),
  CHATBOT_TOKEN: z
    .string({ error: "is required: the token of a read-write service account (or CHATBOT_TOKEN_FILE)" })
    .min(32, "must be the token of a read-write service account (32 or more characters)"),
  CHATBOT_HOST: z.string().min(1).default("127.0.0.1"),
  CHATBOT_PORT: wholeNumber(0, 65_535).default(3004),
  CHATBOT_PUBLIC_URL: z.url("must be a URL").optional(),
  CHATBOT_TIMEOUT_MS: wholeNumber(100, 120_000).default(5000),
  CHATBOT_MAX_ATTEMPTS: wholeNumber(1, 20).default(3),
  CHATBOT_BACKOFF_BASE_MS: wholeNumber(1, 600_000).default(500),
  CHATBOT_BACKOFF_MAX_MS: wholeNumber(1, 600_000).default(4000),
  CHATBOT_MAX_RETRY_AFTER_SECONDS: wholeNumber(0, 3600).default(30),
  LOG_LEVEL: logLevelSchema,
} as const;

export class ChatbotConfigError extends ConfigError {
  constructor(problems: readonly string[]) {
    super("chatbot", problems);
    this.name = "ChatbotConfigError";
  }
}

/** Validates every variable at once; `CHATBOT_TOKEN_FILE` may hold the token (a mounted secret). */
export function loadChatbotConfig(env: Environment): ChatbotConfig {
  const { get, problems } = parseVariables(chatbotVariables, env, ["CHATBOT_TOKEN"]);
  if (problems.length > 0) throw new ChatbotConfigError(problems);
  return {
    portalUrl: get("CHATBOT_PORTAL_URL").replace(/\/+$/, ""),
    token: get("CHATBOT_TOKEN"),
    host: get("CHATBOT_HOST"),
    port: get("CHATBOT_PORT"),
    publicUrl: get("CHATBOT_PUBLIC_URL") ?? null,
    delivery: {
      timeoutMs: get("CHATBOT_TIMEOUT_MS"),
      maxAttempts: get("CHATBOT_MAX_ATTEMPTS"),
      backoffBaseMs: get("CHATBOT_BACKOFF_BASE_MS"),
      backoffMaxMs: get("CHATBOT_BACKOFF_MAX_MS"),
      maxRetryAfterMs: get("CHATBOT_MAX_RETRY_AFTER_SECONDS") * 1000,
    },
    logLevel: get("LOG_LEVEL"),
    webhookUrl: (variable) => env[variable] || undefined,
  };
}
