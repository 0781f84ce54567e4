import { GraphQLSafeInt } from "graphql-scalars";
import { Arg, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import type { LogEvent } from "./event-log.types.js";
import { LogEventType } from "./event-log.graphql.js";

interface EventLogArgs {
  readonly from?: number | null;
  readonly names?: string[] | null;
}

@Resolver()
export class EventLogResolver {
  @Subscription(() => LogEventType, {
    description:
      "The durable event log (administrators and service accounts): the stored events from `from` on, then every new one as it is committed, in sequence order without gaps or duplicates. After a disconnect, subscribe again with `from` set to the last received sequence + 1. Events older than the retention period (`PORTAL_EVENT_LOG_RETENTION_DAYS`) are gone; a first event with a higher sequence than `from` shows that.",
    subscribe: ({ args, context }: SubscribeResolverData<unknown, EventLogArgs, GraphQLContext>) => {
      const { from, names } = args;
      return context.services.eventLog.follow(context.actor, { from, names });
    },
  })
  eventLog(
    @Root() event: LogEvent,
    @Arg("from", () => GraphQLSafeInt, {
      nullable: true,
      description: "First sequence to receive (inclusive); omit to receive only what happens from now on.",
    })
    _from: number | null,
    @Arg("names", () => [String], {
      nullable: true,
      description:
        "Only these events: names (`subscription.approved`), whole entities (`subscription.*`) or `*`; omit for all.",
    })
    _names: string[] | null,
  ): LogEvent {
    return event;
  }
}
