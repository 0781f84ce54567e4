import { readFileSync } from "node:fs";
import { z } from "zod";
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

const int = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

/** Every variable with its default (the target URL variables are named by the static configuration). */
export const chatbotVariables = {
  CHATBOT_PORTAL_URL: z.url("must be a URL").default("http://127.0.0.1:3000"),
  CHATBOT_TOKEN: z
    .string({ error: "is required: the token of a read-write service account (or CHATBOT_TOKEN_FILE)" })
    .min(32, "must be the token of a read-write service account (32 or more characters)"),
  CHATBOT_HOST: z.string().min(1).default("127.0.0.1"),
  CHATBOT_PORT: int(0, 65_535).default(3004),
  CHATBOT_PUBLIC_URL: z.url("must be a URL").optional(),
  CHATBOT_TIMEOUT_MS: int(100, 120_000).default(5000),
  CHATBOT_MAX_ATTEMPTS: int(1, 20).default(3),
  CHATBOT_BACKOFF_BASE_MS: int(1, 600_000).default(500),
  CHATBOT_BACKOFF_MAX_MS: int(1, 600_000).default(4000),
  CHATBOT_MAX_RETRY_AFTER_SECONDS: int(0, 3600).default(30),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
} as const;

export class ChatbotConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid chatbot configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ChatbotConfigError";
  }
}

/** Validates every variable at once; `CHATBOT_TOKEN_FILE` may hold the token (a mounted secret). */
export function loadChatbotConfig(env: Environment): ChatbotConfig {
  const problems: string[] = [];
  const values: Record<string, string | undefined> = { ...env };
  if (env.CHATBOT_TOKEN_FILE) {
    if (env.CHATBOT_TOKEN)
      problems.push("CHATBOT_TOKEN and CHATBOT_TOKEN_FILE are both set; set only one of them");
    else {
      try {
        values.CHATBOT_TOKEN = readFileSync(env.CHATBOT_TOKEN_FILE, "utf8").trim();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        problems.push(`CHATBOT_TOKEN_FILE: cannot read ${env.CHATBOT_TOKEN_FILE} (${code})`);
      }
    }
  }
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(chatbotVariables)) {
    const raw = values[name] === "" ? undefined : values[name];
    const result = (schema as z.ZodType).safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else {
      const shown = name === "CHATBOT_TOKEN" ? "<secret>" : JSON.stringify(raw ?? null);
      problems.push(`${name}=${shown}: ${result.error.issues[0]?.message ?? "invalid"}`);
    }
  }
  if (problems.length > 0) throw new ChatbotConfigError(problems);
  const get = <N extends keyof typeof chatbotVariables>(name: N) =>
    parsed[name] as z.infer<(typeof chatbotVariables)[N]>;
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
