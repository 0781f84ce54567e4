import { GraphQLSafeInt } from "graphql-scalars";
import { Field, Float, GraphQLISODateTime, ID, Int, ObjectType } from "type-graphql";

@ObjectType("DatabaseHealth", { description: "Whether the portal's database answers, and how fast." })
export class DatabaseHealthType {
  @Field(() => Boolean, { description: "True when a trivial statement succeeded." })
  reachable: boolean;

  @Field(() => Float, { description: "Round trip of that statement in milliseconds." })
  latencyMs: number;

  @Field(() => String, { nullable: true, description: "Why it failed; null when reachable." })
  error: string | null;
}

@ObjectType("EventLogHealth", { description: "The head of the durable event log." })
export class EventLogHealthType {
  @Field(() => GraphQLSafeInt, { description: "Sequence of the newest event; 0 when the log is empty." })
  headSequence: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "When the newest event happened." })
  headOccurredAt: string | null;

  @Field(() => Float, {
    nullable: true,
    description: "Seconds since the newest event happened (how long the portal has been quiet).",
  })
  headAgeSeconds: number | null;
}

@ObjectType("WebhookListenerHealth", { description: "Delivery health of one webhook listener." })
export class WebhookListenerHealthType {
  @Field(() => ID, { description: "The listener's id." })
  id: string;

  @Field(() => GraphQLSafeInt, { description: "Sequence acknowledged up to." })
  position: number;

  @Field(() => Int, { description: "Pending events, dead letters being delivered again included." })
  backlog: number;

  @Field(() => Float, { description: "Age of the oldest pending event of the log in seconds; 0 when none." })
  lagSeconds: number;

  @Field(() => Int, { description: "Failed attempts since the last successful delivery." })
  consecutiveFailures: number;

  @Field(() => Boolean, { description: "True while the last attempt failed." })
  failing: boolean;

  @Field(() => Int, { description: "How many dead letters it has." })
  deadLetters: number;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "The last successful delivery." })
  lastSuccessAt: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: "The last attempt." })
  lastAttemptAt: string | null;
}

@ObjectType("SystemHealth", {
  description: "The state of the running portal, for the admin pages (administrators only).",
})
export class SystemHealthType {
  @Field(() => GraphQLISODateTime, { description: "When these figures were taken." })
  checkedAt: string;

  @Field(() => DatabaseHealthType, { description: "The database." })
  database: DatabaseHealthType;

  @Field(() => EventLogHealthType, { nullable: true, description: "The event log; null without a database." })
  eventLog: EventLogHealthType | null;

  @Field(() => [WebhookListenerHealthType], {
    description: "Every webhook listener's lag, backlog and failing state, by id; empty without a database.",
  })
  webhookListeners: WebhookListenerHealthType[];

  @Field(() => String, { description: "Hash of the static configuration this replica runs with." })
  configHash: string;
}
