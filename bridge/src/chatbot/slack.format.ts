import { truncate, type ChatFormatter, type RenderedChatMessage } from "./chat-message.js";

/** Slack's mrkdwn needs exactly these three escaped; `<` also keeps values from writing `<!channel>` mentions. */
export function escapeSlack(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * Slack incoming webhooks (https://api.slack.com/messaging/webhooks): `text` is the notification and fallback,
 * `blocks` the message (a section, and a button to the portal page when there is a link).
 */
export const slackFormatter: ChatFormatter = {
  escape: (value) => escapeSlack(value),
  payload(message: RenderedChatMessage) {
    const body = message.title ? `*${message.title}*\n${message.text}` : message.text;
    const blocks: unknown[] = [{ type: "section", text: { type: "mrkdwn", text: truncate(body, 3000) } }];
    if (message.link)
      blocks.push({
        type: "actions",
        elements: [
          {
            type: "button",
            text: { type: "plain_text", text: "Open in the portal" },
            url: message.link,
          },
        ],
      });
    const fallback = message.title ? `${message.title}: ${message.text}` : message.text;
    return { text: truncate(fallback, 3000), blocks };
  },
};

/**
 * Mattermost and Rocket.Chat take Slack's `text` field and render it as Markdown (no blocks), and both turn
 * `@all`, `@channel` and `@here` into notifications: values get every Markdown character backslash-escaped and
 * a zero-width space after `@`. Links stay as they are so they stay clickable.
 */
export function escapeChatMarkdown(value: string): string {
  return value.replace(/[\\`*_~[\]()#<>|!{}]/g, "\\$&").replace(/@(?=\w)/g, "@\u200b");
}

function markdownChatFormatter(bold: (title: string) => string): ChatFormatter {
  return {
    escape: (value, kind) =>
      kind === "url" ? value.replace(/[<>\s]/g, encodeURIComponent) : escapeChatMarkdown(value),
    payload: (message) => ({
      text: truncate(message.title ? `${bold(message.title)}\n${message.text}` : message.text, 16_000),
    }),
  };
}

/** Mattermost incoming webhooks (Slack-compatible `text`, Markdown with `**bold**`). */
export const mattermostFormatter = markdownChatFormatter((title) => `**${title}**`);

/** Rocket.Chat incoming webhooks (Slack-compatible `text`, its Markdown writes bold as `*bold*`). */
export const rocketChatFormatter = markdownChatFormatter((title) => `*${title}*`);
