import type { ChatFormatter, RenderedChatMessage } from "./chat-message.js";

/**
 * A generic JSON webhook: no markup, so nothing is escaped (JSON encoding is the only escaping); the receiver
 * gets the rendered text and the values, and can build its own message.
 */
export const genericFormatter: ChatFormatter = {
  escape: (value) => value,
  payload(message: RenderedChatMessage) {
    return {
      source: "api-portal",
      event: message.event,
      template: message.template,
      title: message.title,
      text: message.text,
      link: message.link,
      values: message.values,
    };
  },
};
