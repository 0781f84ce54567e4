import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Float, GraphQLISODateTime, ID, InputType, Int, ObjectType } from "type-graphql";
import { LogEventType } from "../event-log/event-log.graphql.js";
import { connectionType } from "../graphql/connection.js";

@ObjectType("WebhookListenerOwner", { description: "Who registered a webhook listener." })
export class WebhookListenerOwnerType {
  @Field(() => String, { description: "`service`, `user` or `system`." })
  kind: string;

  @Field(() => String, { description: "Service account id, user id or `system:<job>`." })
  id: string;
}

@ObjectType("WebhookDeliveryOutcome", { description: "The last successful (2xx) delivery to a listener." })
export class WebhookDeliveryOutcomeType {
  @Field(() => GraphQLISODateTime, { description: "When the answer was recorded." })
  at: string;

  @Field(() => Int, { nullable: true, description: "The listener's HTTP status code." })
  statusCode: number | null;
}

@ObjectType("WebhookAttemptOutcome", {
  description: "The last delivery attempt to a listener, failed or not.",
})
export class WebhookAttemptOutcomeType {
  @Field(() => GraphQLISODateTime, { description: "When the attempt was made." })
  at: string;

  @Field(() => Int, { nullable: true, description: "The HTTP status code; null when there was no answer." })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: "Why it failed; null after a 2xx." })
  error: string | null;
}

@ObjectType("WebhookLease", { description: "Which bridge replica delivers to a listener, until when." })
export class WebhookLeaseType {
  @Field(() => String, { description: "The bridge replica's holder id." })
  holder: string;

  @Field(() => GraphQLISODateTime, { description: "When the lease ends unless renewed." })
  expiresAt: string;
}

@ObjectType("WebhookDeliveryLatency", {
  description:
    "Latency of a listener's recent successful deliveries, from the change (the event's `occurredAt`) to the listener's 2xx; a batch counts with its oldest event.",
})
export class WebhookDeliveryLatencyType {
  @Field(() => Int, { description: "How many recent successful deliveries the figures cover (at most 200)." })
  samples: number;

  @Field(() => Float, { nullable: true, description: "Median in milliseconds; null without samples." })
  p50Ms: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "99th percentile in milliseconds; null without samples.",
  })
  p99Ms: number | null;

  @Field(() => Float, { nullable: true, description: "Slowest in milliseconds; null without samples." })
  maxMs: number | null;
}

@ObjectType("WebhookDeliveryAttempt", {
  description: "One entry of the delivery ledger: an attempt to deliver a batch of events to a listener.",
})
export class WebhookDeliveryAttemptType {
  @Field(() => ID, { description: "Id of the attempt." })
  id: string;

  @Field(() => String, {
    description: "The delivery's `webhook-id`, the same on every retry of these events.",
  })
  deliveryId: string;

  @Field(() => Int, { description: "Which attempt of this delivery it was (1 for the first)." })
  attempt: number;

  @Field(() => GraphQLSafeInt, { description: "Sequence of the batch's first event." })
  firstSequence: number;

  @Field(() => GraphQLSafeInt, { description: "Sequence of the batch's last event." })
  lastSequence: number;

  @Field(() => Int, { description: "How many events the batch held." })
  eventCount: number;

  @Field(() => String, { description: "The bridge replica that made the attempt." })
  holder: string;

  @Field(() => GraphQLISODateTime, { description: "When the delivery was claimed." })
  startedAt: string;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When the outcome was recorded; null while the attempt is in flight (or was abandoned).",
  })
  finishedAt: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "The listener's HTTP status code; null without an answer.",
  })
  statusCode: number | null;

  @Field(() => String, { nullable: true, description: "Why it failed; null after a 2xx or while in flight." })
  error: string | null;

  @Field(() => Int, { nullable: true, description: "How long the HTTP request took, in milliseconds." })
  durationMs: number | null;
}

@ObjectType("WebhookDeadLetter", {
  description: "An event a listener did not take after the bridge's attempts, with a copy of the event.",
})
export class WebhookDeadLetterType {
  @Field(() => GraphQLSafeInt, { description: "The event's sequence." })
  sequence: number;

  @Field(() => LogEventType, { description: "The event as it was in the log." })
  event: LogEventType;

  @Field(() => String, { description: "The `webhook-id` of the delivery that gave up." })
  deliveryId: string;

  @Field(() => Int, { description: "How many attempts were made." })
  attempts: number;

  @Field(() => String, { description: "Why it was given up, e.g. `HTTP 500 after 8 attempts`." })
  reason: string;

  @Field(() => GraphQLISODateTime, { description: "When it became a dead letter." })
  deadLetteredAt: string;

  @Field(() => Boolean, { description: "True while a re-delivery was requested and not yet acknowledged." })
  redeliveryPending: boolean;
}

export const WebhookDeadLetterConnection = connectionType(WebhookDeadLetterType, "WebhookDeadLetter");

@ObjectType("WebhookListener", {
  description:
    "A webhook listener of the event log and its delivery health (administrators see every listener, service accounts their own).",
})
export class WebhookListenerType {
  @Field(() => ID, { description: "The id chosen at registration (e.g. `kong-adapter`)." })
  id: string;

  @Field(() => String, { description: "Where the bridge POSTs batches." })
  url: string;

  @Field(() => [String], { description: "The event filter (names or `entity.*`); empty means every event." })
  events: string[];

  @Field(() => WebhookListenerOwnerType, { description: "Who registered it." })
  owner: WebhookListenerOwnerType;

  @Field(() => GraphQLSafeInt, { description: "Sequence of the log acknowledged up to." })
  position: number;

  @Field(() => Int, { description: "Pending events, dead letters being delivered again included." })
  backlog: number;

  @Field(() => Float, {
    description: "Age of the oldest pending event in seconds; 0 when nothing is pending.",
  })
  lagSeconds: number;

  @Field(() => Int, { description: "Failed attempts since the last successful delivery." })
  consecutiveFailures: number;

  @Field(() => Boolean, { description: "True while the last attempt failed (`consecutiveFailures` > 0)." })
  failing: boolean;

  @Field(() => Int, { description: "How many dead letters the listener has." })
  deadLetterCount: number;

  @Field(() => WebhookDeliveryOutcomeType, { nullable: true, description: "The last successful delivery." })
  lastDelivery: WebhookDeliveryOutcomeType | null;

  @Field(() => WebhookAttemptOutcomeType, { nullable: true, description: "The last attempt." })
  lastAttempt: WebhookAttemptOutcomeType | null;

  @Field(() => WebhookLeaseType, {
    nullable: true,
    description: "The bridge replica delivering to it, if any.",
  })
  lease: WebhookLeaseType | null;

  @Field(() => GraphQLISODateTime, { description: "When it was registered." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, { description: "When its registration last changed." })
  updatedAt: string;
}

@InputType({ description: "Which dead letters of a listener to deliver again." })
export class RedeliverWebhookDeadLettersInput {
  @Field(() => ID, { description: "The listener's id." })
  listenerId: string;

  @Field(() => [GraphQLSafeInt], {
    nullable: true,
    description: "Sequences of the dead letters to deliver again; omit for all of them.",
  })
  sequences?: number[] | null;
}

@ObjectType({ description: "The result of `redeliverWebhookDeadLetters`." })
export class RedeliverWebhookDeadLettersPayload {
  @Field(() => ID, { description: "The listener's id (see `listener`)." })
  listenerId: string;

  @Field(() => Int, { description: "How many dead letters are now pending again (before the log's events)." })
  redelivering: number;
}

@InputType({
  description: "Where a listener's delivery starts again: give exactly one of `from` and `since`.",
})
export class ReplayWebhookListenerInput {
  @Field(() => ID, { description: "The listener's id." })
  listenerId: string;

  @Field(() => GraphQLSafeInt, { nullable: true, description: "Deliver again from this sequence on." })
  from?: number | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "Deliver again every event that happened at or after this time.",
  })
  since?: Date | null;
}

@ObjectType({ description: "The result of `replayWebhookListener`." })
export class ReplayWebhookListenerPayload {
  @Field(() => ID, { description: "The listener's id (see `listener`)." })
  listenerId: string;

  @Field(() => GraphQLSafeInt, { description: "The listener's position now." })
  position: number;

  @Field(() => Int, { description: "Its pending events now." })
  backlog: number;
}
