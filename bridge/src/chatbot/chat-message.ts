import type { MessageTemplateValues } from "../listener-kit/message-template.js";

/** The chat platforms a target can be (`chatbot.targets[].type` of the static configuration). */
export const chatTargetTypes = ["slack", "mattermost", "rocketchat", "teams", "discord", "generic"] as const;
export type ChatTargetType = (typeof chatTargetTypes)[number];

/** The event a message is about, as the generic webhook passes it on. */
export interface ChatMessageEvent {
  readonly sequence: number;
  readonly name: string;
  readonly occurredAt: string;
}

/** A chat template rendered for one platform: `title` and `text` carry that platform's escaping of the values. */
export interface RenderedChatMessage {
  /** The chat template (event of the static configuration), e.g. `approval-requested`. */
  readonly template: string;
  readonly title: string | null;
  readonly text: string;
  /** The portal page the message is about (a button or a linked title where the platform has one). */
  readonly link: string | null;
  readonly event: ChatMessageEvent;
  /** The unescaped values the template was filled with. */
  readonly values: MessageTemplateValues;
}

/** One platform: how values are escaped in its markup, and the JSON body its incoming webhook takes. */
export interface ChatFormatter {
  /** `url` values (links) keep working as links; `text` values can never add markup, links or mentions. */
  escape(value: string, kind: "text" | "url"): string;
  payload(message: RenderedChatMessage): unknown;
}

/** Shortens text to a platform's limit, marking the cut with an ellipsis. */
export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}
