import type { Logger } from "pino";
import { backoffDelay } from "./backoff.js";
import type { BridgeConfig } from "./bridge-config.js";
import { loadChatbotConfig } from "./chatbot/chatbot-config.js";
import { createChatbotListener } from "./chatbot/chatbot.listener.js";
import { resolveChatTargets } from "./chatbot/chat-targets.js";
import { fetchChatbotSettings } from "./chatbot/chatbot-settings.js";
import type { Environment } from "./environment.js";
import { hostedListenerNames, type HostedListenerName } from "./hosted-listener-names.js";
import type { BuiltInListener } from "./listener-kit/built-in-listener.js";
import { PortalGraphQLClient, PortalUnavailableError } from "./listener-kit/portal-graphql-client.js";
import { runBuiltInListener, type RunningListener } from "./listener-kit/run-listener.js";
import { loadKongAdapterConfig } from "./kong-adapter/kong-adapter-config.js";
import { createKongAdapterListener } from "./kong-adapter/kong-adapter.listener.js";
import { loadMailerConfig } from "./mailer/mailer-config.js";
import { createMailerListener } from "./mailer/mailer.listener.js";

/** What the bridge decided for one built-in listener, in words for the start-up line. */
export interface HostingDecision {
  readonly name: HostedListenerName;
  readonly hosted: boolean;
  readonly reason: string;
}

interface Candidate {
  readonly listener: BuiltInListener | null;
  readonly reason: string;
  /** The service account the listener registers and works with. */
  readonly token?: string;
}

/**
 * The environment a hosted listener sees: its own variables when set, otherwise the bridge's portal URL and
 * token (the delivery account is read-write), and an ephemeral port on loopback since only the bridge calls it.
 */
function hostedEnvironment(prefix: string, env: Environment, config: BridgeConfig): Environment {
  const own = (name: string) => env[`${prefix}_${name}`] ?? env[`${prefix}_${name}_FILE`];
  return {
    ...env,
    [`${prefix}_PORTAL_URL`]: env[`${prefix}_PORTAL_URL`] ?? config.portalUrl,
    ...(own("TOKEN") ? {} : { [`${prefix}_TOKEN`]: config.token }),
    [`${prefix}_HOST`]: "127.0.0.1",
    [`${prefix}_PORT`]: "0",
  };
}

async function untilPortalAnswers<T>(
  work: () => Promise<T>,
  logger: Logger,
  signal: AbortSignal,
): Promise<T> {
  for (let failures = 1; ; failures++) {
    try {
      return await work();
    } catch (error) {
      if (!(error instanceof PortalUnavailableError)) throw error;
      signal.throwIfAborted();
      await new Promise((resolve) => setTimeout(resolve, backoffDelay(failures, 250, 5_000)));
    }
    logger.debug("waiting for the portal API");
  }
}

async function chatbotCandidate(
  env: Environment,
  config: BridgeConfig,
  explicit: boolean,
  logger: Logger,
  signal: AbortSignal,
): Promise<Candidate> {
  const chatbotConfig = loadChatbotConfig(hostedEnvironment("CHATBOT", env, config));
  if (!explicit) {
    // In the automatic choice the chatbot runs only when a target can be reached: its URL variable is set.
    const client = new PortalGraphQLClient(chatbotConfig.portalUrl, chatbotConfig.token);
    const settings = await untilPortalAnswers(() => fetchChatbotSettings(client), logger, signal);
    const targets = resolveChatTargets(settings.targets, (name) => chatbotConfig.webhookUrl(name));
    if (!targets.some((target) => target.enabled)) {
      const variables = settings.targets.map((target) => target.urlVariable);
      return {
        listener: null,
        reason:
          variables.length === 0
            ? "off: the static configuration has no chat targets"
            : `off: no chat target URL is set (${variables.join(", ")})`,
      };
    }
  }
  return {
    listener: createChatbotListener(chatbotConfig, { logger }),
    reason: "on",
    token: chatbotConfig.token,
  };
}

async function candidateFor(
  name: HostedListenerName,
  env: Environment,
  config: BridgeConfig,
  explicit: boolean,
  logger: Logger,
  signal: AbortSignal,
): Promise<Candidate> {
  switch (name) {
    case "mailer": {
      const mailerConfig = loadMailerConfig(hostedEnvironment("MAILER", env, config));
      return {
        listener: createMailerListener(mailerConfig, { logger }),
        reason: mailerConfig.smtp
          ? `on: SMTP ${mailerConfig.smtp.host}:${mailerConfig.smtp.port}`
          : `on: no SMTP server, mails go to the outbox ${mailerConfig.outboxDir} (npm run portal -- mail list)`,
        token: mailerConfig.token,
      };
    }
    case "chatbot":
      return chatbotCandidate(env, config, explicit, logger, signal);
    case "kong-adapter": {
      // A Kong to keep in line must be named: the variable's default (Kong on this host) is only for the
      // adapter's own process, where running it at all says that Kong is there.
      if (!explicit && !env.KONG_ADMIN_URL)
        return { listener: null, reason: "off: KONG_ADMIN_URL is not set" };
      const adapterConfig = loadKongAdapterConfig(hostedEnvironment("KONG_ADAPTER", env, config));
      return {
        listener: createKongAdapterListener(adapterConfig, { logger }),
        reason: `on: Kong at ${adapterConfig.adminUrl}, installation "${adapterConfig.installation}"`,
        token: adapterConfig.token,
      };
    }
  }
}

/**
 * Starts the built-in listeners the bridge hosts in its own process (`BRIDGE_LISTENERS`): each is an ordinary
 * webhook listener on a loopback port, registered at the portal like any other. A listener that cannot start
 * (bad variables, refused registration) stops the bridge's start with its reason, so it is never silently absent.
 */
export async function startHostedListeners(
  config: BridgeConfig,
  env: Environment,
  logger: Logger,
  signal: AbortSignal,
): Promise<{ running: RunningListener[]; decisions: HostingDecision[] }> {
  const selection = config.hostedListeners;
  const explicit = selection !== "auto";
  const names = explicit ? selection : hostedListenerNames;
  const running: RunningListener[] = [];
  const decisions: HostingDecision[] = [];
  try {
    for (const name of hostedListenerNames) {
      if (!names.includes(name)) {
        decisions.push({ name, hosted: false, reason: "off: not in BRIDGE_LISTENERS" });
        continue;
      }
      const candidate = await candidateFor(name, env, config, explicit, logger, signal);
      decisions.push({ name, hosted: candidate.listener !== null, reason: candidate.reason });
      if (!candidate.listener) continue;
      running.push(
        await runBuiltInListener(candidate.listener, {
          portalUrl: config.portalUrl,
          token: candidate.token ?? config.token,
          logger,
          signal,
        }),
      );
    }
  } catch (error) {
    await Promise.all(running.map((listener) => listener.close()));
    throw error;
  }
  return { running, decisions };
}
