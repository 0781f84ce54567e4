import { Arg, Ctx, ID, Resolver, Root, Subscription, type SubscribeResolverData } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toSubscriptionObject } from "./subscription-fields.resolver.js";
import { SubscriptionChangeObject } from "./subscription-live.graphql.js";
import type { SubscriptionStatusChange } from "./subscription-live.js";

@Resolver()
export class SubscriptionLiveResolver {
  @Subscription(() => SubscriptionChangeObject, {
    description:
      "Live changes of an application's subscriptions (status, plan, credentials, removal), for its members and administrators. Rights are checked again for every change.",
    subscribe: ({
      args,
      context,
    }: SubscribeResolverData<unknown, { applicationId: string }, GraphQLContext>) =>
      context.services.subscriptions.subscriptions.followChanges(
        context.actor,
        args.applicationId,
        context.services.liveEvents,
      ),
  })
  subscriptionStatusChanged(
    @Root() change: SubscriptionStatusChange,
    @Arg("applicationId", () => ID, { description: "The application whose subscriptions to follow." })
    _applicationId: string,
    @Ctx() context: GraphQLContext,
  ): SubscriptionChangeObject {
    // One context serves every event of the stream: forget what earlier events loaded.
    context.loaders.clear();
    return {
      event: change.eventName,
      subscriptionId: change.subscriptionId,
      applicationId: change.applicationId,
      occurredAt: change.occurredAt,
      subscription: change.subscription && toSubscriptionObject(change.subscription),
    };
  }
}
