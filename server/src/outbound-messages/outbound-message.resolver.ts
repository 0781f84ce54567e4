import { GraphQLSafeInt } from "graphql-scalars";
import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import {
  OutboundChannelValue,
  OutboundMessage,
  OutboundMessageConnection,
  OutboundMessageFilterInput,
  RecordOutboundMessageInput,
  RecordOutboundMessagePayload,
} from "./outbound-message.graphql.js";
import type { OutboundMessage as DomainOutboundMessage } from "./outbound-message.types.js";

/** The GraphQL enums carry the domain's values, so the shapes are the same. */
function toGraphQL(message: DomainOutboundMessage): OutboundMessage {
  return message as OutboundMessage;
}

@Resolver()
export class OutboundMessageResolver {
  @Query(() => OutboundMessageConnection, {
    description:
      "Messages the mailer and the chatbot sent or gave up on, newest change first (administrators only). Filter by FAILED to see what did not arrive.",
  })
  async outboundMessages(
    @Args(() => PageArgs) page: PageArgs,
    @Arg("filter", () => OutboundMessageFilterInput, { nullable: true, description: "Which messages." })
    filter: OutboundMessageFilterInput | null,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<OutboundMessage>> {
    const result = await context.services.outboundMessages.list(
      context.actor,
      filter ? { ...filter } : null,
      pageRequest(page),
    );
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ ...item, node: toGraphQL(item.node) })),
    });
  }

  @Query(() => [OutboundMessage], {
    description:
      "The recorded messages of a channel about these events (service accounts and administrators): a listener skips the recipients listed here, so a redelivered event is not sent twice.",
  })
  async outboundMessagesOfEvents(
    @Arg("channel", () => OutboundChannelValue, { description: "Mail or chat." })
    channel: OutboundChannelValue,
    @Arg("eventSequences", () => [GraphQLSafeInt], { description: "Sequences of the events (at most 500)." })
    eventSequences: number[],
    @Ctx() context: GraphQLContext,
  ): Promise<OutboundMessage[]> {
    const messages = await context.services.outboundMessages.ofEvents(context.actor, {
      channel,
      eventSequences,
    });
    return messages.map(toGraphQL);
  }

  @Mutation(() => RecordOutboundMessagePayload, {
    description:
      "Records what happened to a message (read-write service accounts: the mailer, the chatbot). Idempotent on channel, event and recipient.",
  })
  async recordOutboundMessage(
    @Arg("input", () => RecordOutboundMessageInput, { description: "The message and its outcome." })
    input: RecordOutboundMessageInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RecordOutboundMessagePayload> {
    const result = await context.services.outboundMessages.record(context.actor, { ...input });
    return { outboundMessage: toGraphQL(result.outboundMessage), created: result.created };
  }
}
