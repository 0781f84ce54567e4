import { Arg, Args, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import {
  encodeCursor,
  PageArgs,
  pageRequest,
  toConnection,
  type ConnectionShape,
} from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import {
  RedeliverWebhookDeadLettersInput,
  RedeliverWebhookDeadLettersPayload,
  ReplayWebhookListenerInput,
  ReplayWebhookListenerPayload,
  WebhookDeadLetterConnection,
  WebhookDeadLetterType,
  WebhookDeliveryAttemptType,
  WebhookDeliveryLatencyType,
  WebhookListenerType,
} from "./webhook-listener.graphql.js";
import type { ListenerStatus } from "./webhook-listener.view.js";

/** The GraphQL shape of a listener's status (the same figures as `GET /webhooks/listeners/{id}`). */
function listenerNode(status: ListenerStatus): WebhookListenerType {
  return {
    ...status,
    events: [...status.events],
    failing: status.consecutiveFailures > 0,
    deadLetterCount: status.deadLetters,
  };
}

/**
 * The webhook admin API over GraphQL (administrators and service accounts), for the portal's admin pages: the
 * same services and rules as the REST facade (`webhook.routes.ts`).
 */
@Resolver(() => WebhookListenerType)
export class WebhookListenerResolver {
  @Query(() => [WebhookListenerType], {
    description:
      "Webhook listeners with their delivery health, by id: every listener for administrators, their own for service accounts.",
  })
  async webhookListeners(@Ctx() context: GraphQLContext): Promise<WebhookListenerType[]> {
    return (await context.services.webhooks.listeners.list(context.actor)).map(listenerNode);
  }

  @Query(() => WebhookListenerType, {
    description: "One webhook listener with its delivery health; NOT_FOUND for an unknown id.",
  })
  async webhookListener(
    @Arg("id", () => ID, { description: "The listener's id." }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookListenerType> {
    return listenerNode(await context.services.webhooks.listeners.get(context.actor, id));
  }

  @FieldResolver(() => WebhookDeliveryLatencyType, {
    description: "Latency percentiles of the listener's recent successful deliveries (from the ledger).",
  })
  deliveryLatency(
    @Root() listener: WebhookListenerType,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookDeliveryLatencyType> {
    return context.services.webhooks.ledger.latency(context.actor, listener.id);
  }

  @FieldResolver(() => [WebhookDeliveryAttemptType], {
    description: "The delivery ledger: the listener's recent attempts with their status codes, newest first.",
  })
  async recentAttempts(
    @Root() listener: WebhookListenerType,
    @Arg("limit", () => Int, { defaultValue: 25, description: "How many attempts (1–500)." }) limit: number,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookDeliveryAttemptType[]> {
    return context.services.webhooks.ledger.recent(context.actor, listener.id, { limit: String(limit) });
  }

  @FieldResolver(() => WebhookDeadLetterConnection, {
    description: "The listener's dead letters, oldest first (by sequence).",
  })
  async deadLetters(
    @Root() listener: WebhookListenerType,
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<WebhookDeadLetterType>> {
    const request = pageRequest(page);
    const after = request.after?.[0];
    const result = await context.services.webhooks.deadLetters.list(context.actor, listener.id, {
      limit: String(request.first),
      ...(typeof after === "number" ? { after: String(after) } : {}),
    });
    return toConnection({
      items: result.deadLetters.map((letter) => ({
        cursor: encodeCursor([letter.sequence]),
        node: letter,
      })),
      hasNextPage: result.nextAfter !== null,
      totalCount: listener.deadLetterCount,
    });
  }

  @Mutation(() => RedeliverWebhookDeadLettersPayload, {
    description:
      "Delivers a listener's dead letters again (all, or the given sequences): they become pending before the log's events and leave the dead letters once acknowledged.",
  })
  async redeliverWebhookDeadLetters(
    @Arg("input", () => RedeliverWebhookDeadLettersInput, { description: "Listener and dead letters." })
    input: RedeliverWebhookDeadLettersInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RedeliverWebhookDeadLettersPayload> {
    const result = await context.services.webhooks.deadLetters.redeliver(context.actor, input.listenerId, {
      ...(input.sequences ? { sequences: input.sequences } : {}),
    });
    return { listenerId: input.listenerId, ...result };
  }

  @Mutation(() => ReplayWebhookListenerPayload, {
    description:
      "Moves a listener's position so that delivery starts again at a sequence (`from`) or at the first event at or after a time (`since`).",
  })
  async replayWebhookListener(
    @Arg("input", () => ReplayWebhookListenerInput, { description: "Listener and where to start." })
    input: ReplayWebhookListenerInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReplayWebhookListenerPayload> {
    const result = await context.services.webhooks.queue.replay(context.actor, input.listenerId, {
      ...(input.from !== null && input.from !== undefined ? { from: input.from } : {}),
      ...(input.since ? { since: input.since.toISOString() } : {}),
    });
    return { listenerId: input.listenerId, ...result };
  }
}

/** The changed listener, on both mutation payloads. */
@Resolver(() => RedeliverWebhookDeadLettersPayload)
export class RedeliverWebhookDeadLettersPayloadResolver {
  @FieldResolver(() => WebhookListenerType, { description: "The listener afterwards." })
  async listener(
    @Root() payload: RedeliverWebhookDeadLettersPayload,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookListenerType> {
    return listenerNode(await context.services.webhooks.listeners.get(context.actor, payload.listenerId));
  }
}

@Resolver(() => ReplayWebhookListenerPayload)
export class ReplayWebhookListenerPayloadResolver {
  @FieldResolver(() => WebhookListenerType, { description: "The listener afterwards." })
  async listener(
    @Root() payload: ReplayWebhookListenerPayload,
    @Ctx() context: GraphQLContext,
  ): Promise<WebhookListenerType> {
    return listenerNode(await context.services.webhooks.listeners.get(context.actor, payload.listenerId));
  }
}

export const webhookResolvers = [
  WebhookListenerResolver,
  RedeliverWebhookDeadLettersPayloadResolver,
  ReplayWebhookListenerPayloadResolver,
] as const;
