import type { AxiosInstance } from "axios";
import type { Logger } from "pino";
import type { BuiltInListener, ListenerHealth } from "../listener-kit/built-in-listener.js";
import {
  PortalGraphQLClient,
  PortalGraphQLError,
  PortalUnavailableError,
} from "../listener-kit/portal-graphql-client.js";
import type { WebhookEvent } from "../portal-client.js";
import { createChatHttpClient } from "./chat-delivery.js";
import { dispatchChatMessage } from "./chat-dispatch.js";
import {
  chatEventNames,
  chatMessageContent,
  chatTemplateOfEvent,
  type ChatMessageContent,
} from "./chat-events.js";
import {
  outboundLedgerKey,
  portalOutboundLedger,
  type OutboundLedger,
  type OutboundLedgerEntry,
} from "../listener-kit/outbound-ledger.js";
import { portalLookups, type PortalLookups } from "../listener-kit/portal-lookups.js";
import { resolveChatTargets, type ChatTarget } from "./chat-targets.js";
import type { ChatbotConfig } from "./chatbot-config.js";
import { fetchChatbotSettings, type ChatbotSettings } from "./chatbot-settings.js";

export const CHATBOT_LISTENER_ID = "chatbot";

/** The portal as the chatbot uses it; tests may pass their own parts. */
export interface ChatbotPortal {
  settings(): Promise<ChatbotSettings>;
  readonly ledger: OutboundLedger;
  readonly lookups: PortalLookups;
}

export interface ChatbotDependencies {
  readonly logger: Logger;
  readonly portal?: ChatbotPortal;
  readonly http?: AxiosInstance;
  readonly wait?: (ms: number) => Promise<void>;
  /** How long the targets and templates read from the portal are used before they are read again (60 s). */
  readonly settingsRefreshMs?: number;
}

interface Loaded {
  readonly settings: ChatbotSettings;
  readonly targets: readonly ChatTarget[];
}

/**
 * The chatbot: a built-in webhook listener that turns portal events into chat messages for the configured
 * targets (Slack, Mattermost, Rocket.Chat, Teams, Discord, generic JSON). Every message ends up in the portal's
 * outbound-message ledger, SENT or FAILED; a failed target never holds up the batch or the other targets.
 */
export function createChatbotListener(config: ChatbotConfig, deps: ChatbotDependencies): BuiltInListener {
  const logger = deps.logger.child({ listener: CHATBOT_LISTENER_ID });
  const client = new PortalGraphQLClient(config.portalUrl, config.token);
  const portal: ChatbotPortal = deps.portal ?? {
    settings: () => fetchChatbotSettings(client),
    ledger: portalOutboundLedger(client, "CHAT"),
    lookups: portalLookups(client),
  };
  const dispatch = { http: deps.http ?? createChatHttpClient(), policy: config.delivery, wait: deps.wait };
  let loaded: Loaded | undefined;
  let failedMessages = 0;
  /** Set when the portal refuses to record messages (a read-only token): nothing is sent until a restart. */
  let recordingRefused: string | null = null;
  /** The last failure of each target whose latest message failed (a later success clears it). */
  const failingTargets = new Map<string, string>();
  // One batch at a time: a redelivery that arrives while the first attempt still runs (the bridge timed out)
  // waits for it, then finds its messages in the ledger.
  let queue: Promise<unknown> = Promise.resolve();

  let loadedAt = 0;
  const settingsRefreshMs = deps.settingsRefreshMs ?? 60_000;

  /**
   * The targets and templates, read again after `settingsRefreshMs` (the portal's configuration may have
   * changed with its restart); when that fails, the ones read before are kept.
   */
  async function load(): Promise<Loaded> {
    if (loaded && Date.now() - loadedAt < settingsRefreshMs) return loaded;
    let settings: ChatbotSettings;
    try {
      settings = await portal.settings();
    } catch (error) {
      if (loaded) return loaded;
      throw error;
    }
    const targets = resolveChatTargets(settings.targets, (variable) => config.webhookUrl(variable));
    const summary = (list: readonly ChatTarget[]) => JSON.stringify(list);
    if (!loaded || summary(loaded.targets) !== summary(targets))
      for (const target of targets) {
        if (target.enabled) logger.info({ target: target.id, type: target.type }, "chat target ready");
        else
          logger.warn(
            { target: target.id, problem: target.problem },
            "chat target disabled: its messages are recorded as FAILED",
          );
      }
    loaded = { settings, targets };
    loadedAt = Date.now();
    return loaded;
  }

  /**
   * A refusal to record (not an outage) would repeat on every redelivery, and each would send the message again:
   * after the first one, the chatbot sends nothing more and reports itself down.
   */
  async function record(entry: OutboundLedgerEntry): Promise<void> {
    try {
      await portal.ledger.record(entry);
    } catch (error) {
      if (error instanceof PortalGraphQLError) {
        recordingRefused = `the portal refused to record a chat message (${error.code}: ${error.message}); the chatbot's token must be a read-write service account`;
        logger.error({ code: error.code }, recordingRefused);
      }
      throw error;
    }
  }

  async function handleBatch(events: readonly WebhookEvent[]): Promise<void> {
    if (recordingRefused) throw new Error(recordingRefused);
    const { settings, targets } = await load();
    const wanted = events.flatMap((event) => {
      const template = chatTemplateOfEvent[event.name as keyof typeof chatTemplateOfEvent];
      const forTargets = targets.filter(
        (target) => template !== undefined && target.events.includes(template),
      );
      return forTargets.length > 0 ? [{ event, targets: forTargets }] : [];
    });
    if (wanted.length === 0) return;
    const recorded = await portal.ledger.recorded(wanted.map(({ event }) => event.sequence));
    const contents = new Map<number, Promise<ChatMessageContent | null>>();
    const contentOf = (event: WebhookEvent) => {
      let content = contents.get(event.sequence);
      if (!content) {
        content = chatMessageContent(
          event,
          { title: settings.portalTitle, url: settings.portalUrl },
          portal.lookups,
        );
        contents.set(event.sequence, content);
      }
      return content;
    };
    // Targets in parallel, each in event order; after a failure the target's later messages of this batch are
    // recorded as FAILED without trying, so a dead target costs one message's retries, not the batch's.
    const results = await Promise.allSettled(
      targets.map(async (target) => {
        let blockedBy: string | undefined;
        for (const { event, targets: eventTargets } of wanted) {
          if (!eventTargets.includes(target) || recorded.has(outboundLedgerKey(event.sequence, target.id)))
            continue;
          const content = await contentOf(event);
          if (!content) continue;
          const template =
            target.templates?.find((own) => own.event === content.template) ??
            settings.templates.get(content.template);
          const entry = await dispatchChatMessage(target, event, content, template, blockedBy, dispatch);
          await record(entry);
          if (entry.status === "FAILED") {
            blockedBy ??= target.enabled ? (entry.error ?? "failed") : undefined;
            failedMessages++;
            failingTargets.set(target.id, entry.error ?? "failed");
            logger.warn(
              {
                target: target.id,
                sequence: event.sequence,
                event: event.name,
                error: entry.error,
                attempts: entry.attempts,
              },
              "chat message not delivered; recorded as FAILED",
            );
          } else
            logger.debug(
              { target: target.id, sequence: event.sequence, event: event.name },
              "chat message sent",
            );
        }
      }),
    );
    const failure = results.find((result) => result.status === "rejected");
    if (failure) throw failure.reason;
  }

  return {
    id: CHATBOT_LISTENER_ID,
    events: chatEventNames,
    async start() {
      try {
        await load();
      } catch (error) {
        if (!(error instanceof PortalUnavailableError)) throw error;
        logger.warn(
          { err: error.message },
          "the portal is not reachable yet; the chat targets are read with the first batch",
        );
      }
    },
    handle(events) {
      const run = queue.then(() => handleBatch(events));
      queue = run.catch(() => undefined);
      return run;
    },
    health(): ListenerHealth {
      if (recordingRefused) return { status: "down", detail: { problem: recordingRefused } };
      if (!loaded)
        return { status: "degraded", detail: { problem: "chat targets not read from the portal yet" } };
      const disabled = loaded.targets.filter((target) => !target.enabled).map((target) => target.id);
      const detail = {
        targets: loaded.targets.map((target) => target.id),
        disabledTargets: disabled,
        failedMessages,
        failingTargets: Object.fromEntries(failingTargets),
      };
      return { status: disabled.length > 0 || failingTargets.size > 0 ? "degraded" : "ok", detail };
    },
    async stop() {
      await queue;
    },
  };
}
