import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { MessageListener, MessageRecipient, MessagingSettings } from "./message-context.graphql.js";

@Resolver()
export class MessageContextResolver {
  @Query(() => MessagingSettings, {
    description:
      "Templates, portal title and URL and the mail sender, for the built-in listeners (service accounts and administrators).",
  })
  messagingSettings(@Ctx() context: GraphQLContext): MessagingSettings {
    return context.services.messageContext.settings(context.actor) as MessagingSettings;
  }

  @Query(() => MessageRecipient, {
    nullable: true,
    description:
      "A user as a message recipient (service accounts and administrators); null when there is no such user or the account is disabled.",
  })
  async messageRecipient(
    @Arg("userId", () => ID, { description: "The user's id." }) userId: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MessageRecipient | null> {
    return context.services.messageContext.recipient(context.actor, userId);
  }

  @Query(() => [MessageRecipient], {
    description:
      "Who decides on subscription requests for APIs of a group: its approvers, or the administrators when it has none or no group is given (service accounts and administrators).",
  })
  async approvalRecipients(
    @Arg("groupId", () => ID, {
      nullable: true,
      description:
        "The API's required group (`requiredGroup` of approval.requested); null for administrators.",
    })
    groupId: string | null,
    @Ctx() context: GraphQLContext,
  ): Promise<MessageRecipient[]> {
    return context.services.messageContext.approvalRecipients(context.actor, groupId);
  }

  @Query(() => [MessageRecipient], {
    description: "The enabled administrators with a verified address (service accounts and administrators).",
  })
  async administratorRecipients(@Ctx() context: GraphQLContext): Promise<MessageRecipient[]> {
    return context.services.messageContext.administratorRecipients(context.actor);
  }

  @Query(() => MessageListener, {
    nullable: true,
    description:
      "A webhook listener for an alert about it (service accounts and administrators); null when it was deleted.",
  })
  async messageListener(
    @Arg("id", () => ID, { description: "The listener id." }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<MessageListener | null> {
    return context.services.messageContext.listener(context.actor, id);
  }
}
