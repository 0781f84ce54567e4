import { Arg, Args, Ctx, Mutation, Query, Resolver } from "type-graphql";
import { toApplicationObject } from "../applications/application.graphql.js";
import { PageArgs, pageRequest, toConnection, type ConnectionShape } from "../graphql/connection.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toSubscriptionObject } from "../subscriptions/subscription-fields.resolver.js";
import {
  ApprovalRequestConnection,
  ApprovalRequestObject,
  ApproveSubscriptionInput,
  ApproveSubscriptionPayload,
  DeclineSubscriptionInput,
  DeclineSubscriptionPayload,
} from "./approval.graphql.js";
import type { ApprovalRequest } from "./approval.types.js";

export function toApprovalRequestObject(
  context: GraphQLContext,
  request: ApprovalRequest,
): ApprovalRequestObject {
  const subscriptions = context.services.subscriptions.subscriptions;
  return {
    subscription: toSubscriptionObject(request.subscription),
    application: toApplicationObject(request.application),
    api: subscriptions.apiSummary(request.subscription.apiId),
    plan: subscriptions.planSummary(request.subscription.planId),
    requester: request.requester,
    requestedAt: request.requestedAt,
    waitingSeconds: request.waitingSeconds,
  };
}

@Resolver()
export class ApprovalResolver {
  @Query(() => ApprovalRequestConnection, {
    description:
      "Subscriptions waiting for approval, oldest first (requestedAt, then id): for approvers those of APIs whose required group is one of theirs; for administrators all.",
  })
  async approvals(
    @Args(() => PageArgs) page: PageArgs,
    @Ctx() context: GraphQLContext,
  ): Promise<ConnectionShape<ApprovalRequestObject>> {
    const result = await context.services.subscriptions.approvals.queue(context.actor, pageRequest(page));
    return toConnection({
      ...result,
      items: result.items.map((item) => ({ ...item, node: toApprovalRequestObject(context, item.node) })),
    });
  }

  @Mutation(() => ApproveSubscriptionPayload, {
    description:
      "Approves a pending subscription and issues its credentials: approvers of the API's required group, or administrators (the only ones for APIs without a required group). Nobody but administrators approves their own request.",
  })
  async approveSubscription(
    @Arg("input", () => ApproveSubscriptionInput, { description: "The request." })
    input: ApproveSubscriptionInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ApproveSubscriptionPayload> {
    const subscription = await context.services.subscriptions.approvals.approve(context.actor, { ...input });
    return { subscription: toSubscriptionObject(subscription) };
  }

  @Mutation(() => DeclineSubscriptionPayload, {
    description:
      "Declines a pending subscription with a reason the requester sees (same deciders as approveSubscription).",
  })
  async declineSubscription(
    @Arg("input", () => DeclineSubscriptionInput, { description: "The request and the reason." })
    input: DeclineSubscriptionInput,
    @Ctx() context: GraphQLContext,
  ): Promise<DeclineSubscriptionPayload> {
    const subscription = await context.services.subscriptions.approvals.decline(context.actor, { ...input });
    return { subscription: toSubscriptionObject(subscription) };
  }
}
