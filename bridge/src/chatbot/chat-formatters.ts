import type { ChatFormatter, ChatMessageEvent, ChatTargetType, RenderedChatMessage } from "./chat-message.js";
import { renderMessageTemplate, type MessageTemplateValues } from "../listener-kit/message-template.js";
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
    readonly values: MessageTemplateValues;
    readonly link: string | null;
    readonly event: ChatMessageEvent;
  },
): unknown {
  const formatter = chatFormatters[type];
  const escape = (value: string, name: string) =>
    formatter.escape(value, urlVariables.has(name) ? "url" : "text");
  const rendered: RenderedChatMessage = {
    ...message,
    title: template.title === null ? null : renderMessageTemplate(template.title, message.values, escape),
    text: renderMessageTemplate(template.text, message.values, escape),
  };
  return formatter.payload(rendered);
}

/** The message's headline without any platform's escaping, for the ledger (what administrators read). */
export function chatHeadline(template: ChatTemplateText, values: MessageTemplateValues): string {
  const plain = renderMessageTemplate(template.title ?? template.text, values, (value) => value);
  return plain.length <= 200 ? plain : `${plain.slice(0, 199)}…`;
}
