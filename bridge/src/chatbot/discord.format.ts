import { truncate, type ChatFormatter, type RenderedChatMessage } from "./chat-message.js";

/**
 * Discord Markdown: values get the formatting characters backslash-escaped and a zero-width space after `@`
 * (so `@everyone` and `@here` stay text even in clients that ignore `allowed_mentions`).
 */
export function escapeDiscord(value: string): string {
  return value.replace(/[\\*_~`|>[\]()#<:-]/g, "\\$&").replace(/@/g, "@\u200b");
}

/** Discord's embed colour (decimal RGB): the portal's blue. */
const embedColor = 0x2f6fde;

/**
 * Discord webhooks (https://discord.com/developers/docs/resources/webhook#execute-webhook): one embed with the
 * title (linked to the portal page), the text as description and the event time; `allowed_mentions` with an
 * empty `parse` list so no message can ping anyone.
 */
export const discordFormatter: ChatFormatter = {
  escape: (value, kind) =>
    kind === "url" ? value.replace(/[<>()\s]/g, encodeURIComponent) : escapeDiscord(value),
  payload(message: RenderedChatMessage) {
    const embed: Record<string, unknown> = {
      description: truncate(message.text, 4096),
      color: embedColor,
      timestamp: message.event.occurredAt,
    };
    if (message.title) embed.title = truncate(message.title, 256);
    if (message.link) embed.url = message.link;
    return { embeds: [embed], allowed_mentions: { parse: [] } };
  },
};
