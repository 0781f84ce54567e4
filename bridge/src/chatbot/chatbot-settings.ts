import type { PortalGraphQLClient } from "../listener-kit/portal-graphql-client.js";
import type { ChatTemplateText } from "./chat-formatters.js";
import type { ChatTargetSetting } from "./chat-targets.js";

/** What the chatbot reads from the portal's static configuration (through `messagingSettings`). */
export interface ChatbotSettings {
  readonly portalTitle: string;
  readonly portalUrl: string;
  readonly templates: ReadonlyMap<string, ChatTemplateText>;
  readonly targets: readonly ChatTargetSetting[];
}

/** The GraphQL document of the settings (validated against schema/schema.graphql by a test). */
export const chatbotSettingsQuery = `query ChatbotSettings {
  messagingSettings {
    portalTitle
    portalUrl
    chatTemplates { event title text }
    chatTargets { id type urlVariable events templates { event title text } }
  }
}`;

export async function fetchChatbotSettings(client: PortalGraphQLClient): Promise<ChatbotSettings> {
  const { messagingSettings: settings } = await client.request<{
    messagingSettings: {
      portalTitle: string;
      portalUrl: string;
      chatTemplates: { event: string; title: string | null; text: string }[];
      chatTargets: ChatTargetSetting[];
    };
  }>(chatbotSettingsQuery);
  return {
    portalTitle: settings.portalTitle,
    portalUrl: settings.portalUrl.replace(/\/+$/, ""),
    templates: new Map(settings.chatTemplates.map(({ event, title, text }) => [event, { title, text }])),
    targets: settings.chatTargets,
  };
}
