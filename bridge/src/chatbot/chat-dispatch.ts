import type { AxiosInstance } from "axios";
import type { WebhookEvent } from "../portal-client.js";
import { deliverChatMessage, type ChatDeliveryPolicy } from "./chat-delivery.js";
import type { ChatMessageContent } from "./chat-events.js";
import { chatHeadline, chatPayload, type ChatTemplateText } from "./chat-formatters.js";
import type { OutboundLedgerEntry } from "../listener-kit/outbound-ledger.js";
import type { ChatTarget } from "./chat-targets.js";

export interface ChatDispatch {
  readonly http: AxiosInstance;
  readonly policy: ChatDeliveryPolicy;
  readonly wait?: ((ms: number) => Promise<void>) | undefined;
}

/**
 * Sends one message to one target and says what the ledger records: SENT, or FAILED with why (no template, a
 * rendering error, a disabled target, an earlier failure of the target in this batch, or the delivery's error).
 */
export async function dispatchChatMessage(
  target: ChatTarget,
  event: WebhookEvent,
  content: ChatMessageContent,
  template: ChatTemplateText | undefined,
  blockedBy: string | undefined,
  dispatch: ChatDispatch,
): Promise<OutboundLedgerEntry> {
  const key = {
    eventSequence: event.sequence,
    eventName: event.name,
    recipient: target.id,
    template: content.template,
  };
  const failed = (subject: string, error: string, attempts = 0): OutboundLedgerEntry => ({
    ...key,
    subject,
    status: "FAILED",
    error,
    attempts,
  });
  if (!template) return failed(content.template, `no chat template ${content.template}`);
  let subject: string;
  let body: unknown;
  try {
    subject = chatHeadline(template, content.values);
    if (!target.enabled) return failed(subject, `target disabled: ${target.problem}`);
    const occurredAt = typeof event.occurredAt === "string" ? event.occurredAt : "";
    body = chatPayload(target.type, template, {
      ...content,
      event: { sequence: event.sequence, name: event.name, occurredAt },
    });
  } catch (error) {
    return failed(content.template, (error as Error).message);
  }
  if (blockedBy)
    return failed(
      subject,
      `not attempted: an earlier message of the same batch to this target failed (${blockedBy})`,
    );
  const outcome = await deliverChatMessage(dispatch.http, target.url, body, dispatch.policy, dispatch.wait);
  return outcome.delivered
    ? { ...key, subject, status: "SENT", error: null, attempts: outcome.attempts }
    : failed(subject, outcome.error, outcome.attempts);
}
