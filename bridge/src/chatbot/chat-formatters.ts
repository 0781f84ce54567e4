import type { ChatFormatter, ChatMessageEvent, ChatTargetType, RenderedChatMessage } from "./chat-message.js";
import { renderChatTemplate, type ChatTemplateValues } from "./chat-template.js";
import { discordFormatter } from "./discord.format.js";
import { genericFormatter } from "./generic.format.js";
import { mattermostFormatter, rocketChatFormatter, slackFormatter } from "./slack.format.js";
import { teamsFormatter } from "./teams.format.js";

export const chatFormatters: Readonly<Record<ChatTargetType, ChatFormatter>> = {
  slack: slackFormatter,
  mattermost: mattermostFormatter,
  rocketchat: rocketChatFormatter,
  teams: teamsFormatter,
  discord: discordFormatter,
  generic: genericFormatter,
};

/** Variables holding URLs: escaped so they stay links (the others can never form markup). */
const urlVariables = new Set(["link", "portal.url", "listener.url"]);

export interface ChatTemplateText {
  readonly title: string | null;
  readonly text: string;
}

/** Renders a template for one platform and returns the body its webhook takes. */
export function chatPayload(
  type: ChatTargetType,
  template: ChatTemplateText,
  message: {
    readonly template: string;
    readonly values: ChatTemplateValues;
    readonly link: string | null;
    readonly event: ChatMessageEvent;
  },
): unknown {
  const formatter = chatFormatters[type];
  const escape = (value: string, name: string) =>
    formatter.escape(value, urlVariables.has(name) ? "url" : "text");
  const rendered: RenderedChatMessage = {
    ...message,
    title: template.title === null ? null : renderChatTemplate(template.title, message.values, escape),
    text: renderChatTemplate(template.text, message.values, escape),
  };
  return formatter.payload(rendered);
}

/** The message's headline without any platform's escaping, for the ledger (what administrators read). */
export function chatHeadline(template: ChatTemplateText, values: ChatTemplateValues): string {
  const plain = renderChatTemplate(template.title ?? template.text, values, (value) => value);
  return plain.length <= 200 ? plain : `${plain.slice(0, 199)}…`;
}
