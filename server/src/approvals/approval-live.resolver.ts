import { Ctx, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { ApprovalQueueChangeObject, type ApprovalQueueChangeKindValue } from "./approval-live.graphql.js";
import type { ApprovalQueueChange } from "./approval-live.js";
import { toApprovalRequestObject } from "./approval.resolver.js";

@Resolver()
export class ApprovalLiveResolver {
  @Subscription(() => ApprovalQueueChangeObject, {
    description:
      "Live changes of the approval queue: for approvers those of APIs whose required group is one of theirs, for administrators all. Rights are checked again for every change.",
    subscribe: ({ context }: SubscribeResolverData<unknown, Record<string, never>, GraphQLContext>) =>
      context.services.subscriptions.approvals.followQueue(context.actor, context.services.liveEvents),
  })
  approvalQueueChanged(
    @Root() change: ApprovalQueueChange,
    @Ctx() context: GraphQLContext,
  ): ApprovalQueueChangeObject {
    // One context serves every event of the stream: forget what earlier events loaded.
    context.loaders.clear();
    return {
      change: change.change as ApprovalQueueChangeKindValue,
      subscriptionId: change.subscriptionId,
      apiId: change.apiId,
      occurredAt: change.occurredAt,
      request: change.request && toApprovalRequestObject(context, change.request),
    };
  }
}
