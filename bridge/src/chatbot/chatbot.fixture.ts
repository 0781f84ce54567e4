import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { parse } from "yaml";
import { PortalUnavailableError } from "../listener-kit/portal-graphql-client.js";
import type { WebhookEvent } from "../portal-client.js";
import type { ChatTemplateText } from "./chat-formatters.js";
import { outboundLedgerKey, type OutboundLedgerEntry } from "../listener-kit/outbound-ledger.js";
import type { PortalLookups } from "../listener-kit/portal-lookups.js";
import type { ChatTargetSetting } from "./chat-targets.js";
import { loadChatbotConfig, type ChatbotConfig } from "./chatbot-config.js";
import type { ChatbotPortal } from "./chatbot.listener.js";

const templateDir = fileURLToPath(new URL("../../../deploy/config/templates/chat/", import.meta.url));

/** The sample configuration's chat templates (deploy/config/templates/chat), as the portal serves them. */
export function sampleChatTemplates(): Map<string, ChatTemplateText> {
  const templates = new Map<string, ChatTemplateText>();
  for (const file of readdirSync(templateDir).filter((name) => name.endsWith(".yaml"))) {
    const { title, text } = parse(readFileSync(templateDir + file, "utf8")) as {
      title?: string;
      text: string;
    };
    templates.set(file.replace(/\.yaml$/, ""), { title: title ?? null, text });
  }
  return templates;
}

/**
 * The portal's side of the chatbot held in memory for the listener's unit tests (the end-to-end test uses the
 * real portal): settings, the ledger with the same key rule (one entry per event and target), and lookups.
 */
export class MemoryChatPortal implements ChatbotPortal {
  readonly entries: OutboundLedgerEntry[] = [];
  unreachable = false;
  readonly users = new Map<string, { name: string; email: string }>();

  constructor(readonly targets: ChatTargetSetting[]) {}

  private check() {
    if (this.unreachable) throw new PortalUnavailableError("the portal API is unreachable: ECONNREFUSED");
  }

  settings() {
    this.check();
    return Promise.resolve({
      portalTitle: "Acme API Portal",
      portalUrl: "https://portal.example",
      templates: sampleChatTemplates(),
      targets: this.targets,
    });
  }

  readonly ledger = {
    recorded: (sequences: readonly number[]) => {
      this.check();
      const keys = this.entries
        .filter((entry) => sequences.includes(entry.eventSequence))
        .map((entry) => outboundLedgerKey(entry.eventSequence, entry.recipient));
      return Promise.resolve(new Set(keys));
    },
    record: (entry: OutboundLedgerEntry) => {
      this.check();
      if (
        !this.entries.some((e) => e.eventSequence === entry.eventSequence && e.recipient === entry.recipient)
      )
        this.entries.push(entry);
      return Promise.resolve();
    },
  };

  readonly lookups: PortalLookups = {
    user: (userId) => Promise.resolve(this.users.get(userId) ?? null),
    subscription: () => Promise.resolve(null),
    applicationName: () => Promise.resolve(null),
    apiName: () => Promise.resolve(null),
    listener: (id) => Promise.resolve(id === "kong-adapter" ? { url: "http://kong-adapter:3002/" } : null),
  };
}

export function chatbotTestConfig(env: Record<string, string> = {}): ChatbotConfig {
  return loadChatbotConfig({
    CHATBOT_TOKEN: "chatbot-test-token-0123456789abcdefghijkl",
    CHATBOT_TIMEOUT_MS: "500",
    CHATBOT_MAX_ATTEMPTS: "3",
    CHATBOT_BACKOFF_BASE_MS: "20",
    CHATBOT_BACKOFF_MAX_MS: "80",
    CHATBOT_MAX_RETRY_AFTER_SECONDS: "5",
    ...env,
  });
}

export const silentLogger = pino({ level: "silent" });

let nextSequence = 1;

/** A webhook event as the bridge delivers it. */
export function webhookEvent(
  name: string,
  payload: Record<string, unknown>,
  actor: { kind: string; id: string | null } = { kind: "anonymous", id: null },
): WebhookEvent {
  const sequence = nextSequence++;
  return {
    id: String(sequence),
    sequence,
    name,
    schemaVersion: 1,
    occurredAt: "2026-11-27T10:00:00.000Z",
    actor,
    subjectIds: {},
    payload,
  };
}
