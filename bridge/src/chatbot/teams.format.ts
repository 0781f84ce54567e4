import { truncate, type ChatFormatter, type RenderedChatMessage } from "./chat-message.js";

/**
 * Adaptive Card TextBlocks render a CommonMark subset (bold, italic, lists, links) and expand `{{DATE(...)}}`
 * functions: values get the Markdown characters backslash-escaped, line starts that would begin a list
 * neutralized, and `{{` broken by a zero-width space. HTML is not rendered by Teams, so `<` stays as it is.
 */
export function escapeTeams(value: string): string {
  return value
    .replace(/[\\*_[\]()`~]/g, "\\$&")
    .replace(/(^|\n)(\s*)([-+]|\d+\.)(?=\s)/g, "$1$2\\$3")
    .replace(/\{\{/g, "{\u200b{");
}

/**
 * Microsoft Teams through a Power Automate workflow ("When a Teams webhook request is received", then "Post card
 * in a chat or channel"): a message with one Adaptive Card attachment, the title as a bold TextBlock, the text
 * as a wrapping TextBlock, and an "Open in the portal" action when there is a link.
 */
export const teamsFormatter: ChatFormatter = {
  escape: (value, kind) =>
    kind === "url" ? value.replace(/[()\s]/g, encodeURIComponent) : escapeTeams(value),
  payload(message: RenderedChatMessage) {
    const body: unknown[] = [];
    if (message.title)
      body.push({
        type: "TextBlock",
        text: truncate(message.title, 500),
        weight: "Bolder",
        size: "Medium",
        wrap: true,
      });
    body.push({ type: "TextBlock", text: truncate(message.text, 10_000), wrap: true });
    const card: Record<string, unknown> = {
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      type: "AdaptiveCard",
      version: "1.4",
      body,
    };
    if (message.link)
      card.actions = [{ type: "Action.OpenUrl", title: "Open in the portal", url: message.link }];
    return {
      type: "message",
      attachments: [
        { contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card },
      ],
    };
  },
};
