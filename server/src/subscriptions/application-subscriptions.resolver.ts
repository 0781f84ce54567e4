import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ApplicationObject } from "../applications/application.graphql.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toSubscriptionObject } from "./subscription-fields.resolver.js";
import { ApiSubscriptionObject } from "./subscription.graphql.js";
import { applicationSubscriptionsLoader } from "./subscription.loaders.js";

/** `Application.subscriptions`, batched: one statement for every application of a page. */
@Resolver(() => ApplicationObject)
export class ApplicationSubscriptionsResolver {
  @FieldResolver(() => [ApiSubscriptionObject], {
    description:
      "The application's subscriptions, by API id (a short list, so not paginated). Approvers who are not members see only those of APIs they decide on.",
  })
  async subscriptions(
    @Root() application: ApplicationObject,
    @Ctx() context: GraphQLContext,
  ): Promise<ApiSubscriptionObject[]> {
    const visible = await applicationSubscriptionsLoader(context).load(application.id);
    return visible.map(({ subscription }) => toSubscriptionObject(subscription));
  }
}
