import { GraphQLJSONObject, GraphQLSafeInt } from "graphql-scalars";
import { Field, GraphQLISODateTime, Int, ObjectType } from "type-graphql";

@ObjectType("LogEventActor", { description: "Who caused an event." })
export class LogEventActorType {
  @Field(() => String, { description: "`anonymous`, `user`, `service` or `system`." })
  kind: string;

  @Field(() => String, {
    nullable: true,
    description: "User id, service account id or `system:<job>`; null for anonymous callers.",
  })
  id: string | null;
}

@ObjectType("LogEvent", {
  description:
    "One entry of the durable event log. The payload of each event name is described by a JSON Schema in `schema/events/`.",
})
export class LogEventType {
  @Field(() => GraphQLSafeInt, {
    description: "Strictly increasing position in the installation's log; resume after it with `from`.",
  })
  sequence: number;

  @Field(() => String, { description: "`entity.action`, e.g. `subscription.approved`." })
  name: string;

  @Field(() => Int, { description: "Version of this event's payload schema." })
  schemaVersion: number;

  @Field(() => GraphQLISODateTime, { description: "When the change was committed." })
  occurredAt: string;

  @Field(() => LogEventActorType, { description: "Who caused the change." })
  actor: LogEventActorType;

  @Field(() => GraphQLJSONObject, {
    description:
      "Ids of what changed, e.g. `{ applicationId, subscriptionId }`, for routing and de-duplication.",
  })
  subjectIds: Record<string, string>;

  @Field(() => GraphQLJSONObject, { description: "What a listener needs to act; never a secret." })
  payload: Record<string, unknown>;
}
