import { GraphQLSafeInt } from "graphql-scalars";
import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { connectionType } from "../graphql/connection.js";

/** The GraphQL names of the channels; the values are the portal's own (`mail`, `chat`). */
export enum OutboundChannelValue {
  MAIL = "mail",
  CHAT = "chat",
}

registerEnumType(OutboundChannelValue, {
  name: "OutboundChannel",
  description: "How a built-in listener sends a message.",
  valuesConfig: {
    MAIL: { description: "E-mail, sent by the mailer." },
    CHAT: { description: "A chat message (Slack, Teams, ...), sent by the chatbot." },
  },
});

export enum OutboundStatusValue {
  SENT = "sent",
  FAILED = "failed",
}

registerEnumType(OutboundStatusValue, {
  name: "OutboundMessageStatus",
  description: "What happened to an outbound message.",
  valuesConfig: {
    SENT: { description: "Delivered to the mail server or chat service." },
    FAILED: {
      description:
        "Rejected for good (e.g. SMTP 5xx), or undeliverable after the listener's retries; not retried again.",
    },
  },
});

@ObjectType({
  description:
    "A message the mailer or the chatbot sent (or gave up on) about one event for one recipient. There is at most one per channel, event and recipient, which is how a redelivered event is never sent twice.",
})
export class OutboundMessage {
  @Field(() => ID, { description: "Stable id." })
  id: string;

  @Field(() => OutboundChannelValue, { description: "Mail or chat." })
  channel: OutboundChannelValue;

  @Field(() => GraphQLSafeInt, { description: "Sequence of the event the message is about." })
  eventSequence: number;

  @Field(() => String, { description: "Name of that event, e.g. `user.verification_requested`." })
  eventName: string;

  @Field(() => String, { description: "The e-mail address (mail) or the chat target id (chat)." })
  recipient: string;

  @Field(() => String, { description: "The template used, e.g. `verify-email`." })
  template: string;

  @Field(() => String, { description: "The rendered subject (mail) or title (chat)." })
  subject: string;

  @Field(() => OutboundStatusValue, { description: "Sent or failed." })
  status: OutboundStatusValue;

  @Field(() => String, { nullable: true, description: "Why it failed; null when it was sent." })
  error: string | null;

  @Field(() => Int, { description: "How many sending attempts were made." })
  attempts: number;

  @Field(() => String, { description: "The service account that recorded it." })
  recordedBy: string;

  @Field(() => GraphQLISODateTime, { description: "When it was first recorded." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, { description: "When it last changed." })
  updatedAt: string;
}

export const OutboundMessageConnection = connectionType(OutboundMessage, "OutboundMessage");

@InputType({ description: "Which outbound messages to list; omitted fields match everything." })
export class OutboundMessageFilterInput {
  @Field(() => OutboundChannelValue, { nullable: true, description: "Only this channel." })
  channel?: OutboundChannelValue | null;

  @Field(() => OutboundStatusValue, { nullable: true, description: "Only this status, e.g. FAILED." })
  status?: OutboundStatusValue | null;
}

@InputType({ description: "The outcome of one message, reported by the listener that sent it." })
export class RecordOutboundMessageInput {
  @Field(() => OutboundChannelValue, { description: "Mail or chat." })
  channel: OutboundChannelValue;

  @Field(() => GraphQLSafeInt, { description: "Sequence of the event the message is about." })
  eventSequence: number;

  @Field(() => String, { description: "Name of that event." })
  eventName: string;

  @Field(() => String, { description: "The e-mail address (mail) or the chat target id (chat)." })
  recipient: string;

  @Field(() => String, { description: "The template used." })
  template: string;

  @Field(() => String, { description: "The rendered subject (mail) or title (chat)." })
  subject: string;

  @Field(() => OutboundStatusValue, { description: "SENT, or FAILED for a message given up on." })
  status: OutboundStatusValue;

  @Field(() => String, { nullable: true, description: "Why it failed; required with FAILED." })
  error?: string | null;

  @Field(() => Int, { nullable: true, description: "How many sending attempts were made (default 1)." })
  attempts?: number | null;
}

@ObjectType({ description: "The ledger entry for the message." })
export class RecordOutboundMessagePayload {
  @Field(() => OutboundMessage, {
    description:
      "The entry as stored: the first outcome recorded for this channel, event and recipient (a FAILED one turns SENT when sent after all).",
  })
  outboundMessage: OutboundMessage;

  @Field(() => Boolean, { description: "False when an entry for the same key existed already." })
  created: boolean;
}
