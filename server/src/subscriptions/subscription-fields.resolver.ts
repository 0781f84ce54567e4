import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ApplicationObject, toApplicationObject } from "../applications/application.graphql.js";
import { CredentialObject, type CredentialKindValue } from "../credentials/credential.graphql.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { credentialsLoader, statusHistoryLoader } from "./subscription.loaders.js";
import {
  ApiSubscriptionObject,
  StatusHistoryEntryObject,
  SubscriptionApiObject,
  SubscriptionPlanObject,
  type SubscriptionStatusValue,
} from "./subscription.graphql.js";
import type { Subscription } from "./subscription.types.js";

/** The GraphQL object is the domain object (the status values are the same strings). */
export function toSubscriptionObject(subscription: Subscription): ApiSubscriptionObject {
  return subscription as ApiSubscriptionObject;
}

/** Resolved from the `ApiSubscriptionObject`, which is always the domain `Subscription` itself. */
function domain(object: ApiSubscriptionObject): Subscription {
  return object as unknown as Subscription;
}

@Resolver(() => ApiSubscriptionObject)
export class SubscriptionFieldsResolver {
  @FieldResolver(() => ApplicationObject, {
    nullable: true,
    description: "The subscribed application; null when you may not read it.",
  })
  async application(
    @Root() subscription: ApiSubscriptionObject,
    @Ctx() context: GraphQLContext,
  ): Promise<ApplicationObject | null> {
    const application = await context.services.applications.applications.find(
      context.actor,
      subscription.applicationId,
    );
    return application && toApplicationObject(application);
  }

  @FieldResolver(() => SubscriptionApiObject, { description: "The API." })
  api(@Root() subscription: ApiSubscriptionObject, @Ctx() context: GraphQLContext): SubscriptionApiObject {
    return context.services.subscriptions.subscriptions.apiSummary(domain(subscription).apiId);
  }

  @FieldResolver(() => SubscriptionPlanObject, { description: "The plan." })
  plan(@Root() subscription: ApiSubscriptionObject, @Ctx() context: GraphQLContext): SubscriptionPlanObject {
    return context.services.subscriptions.subscriptions.planSummary(domain(subscription).planId);
  }

  @FieldResolver(() => [StatusHistoryEntryObject], {
    description: "Every status it went through, oldest first (a short list, so not paginated).",
  })
  async statusHistory(
    @Root() subscription: ApiSubscriptionObject,
    @Ctx() context: GraphQLContext,
  ): Promise<StatusHistoryEntryObject[]> {
    const entries = await statusHistoryLoader(context).load(domain(subscription));
    return entries.map((entry) => ({
      status: entry.status as SubscriptionStatusValue,
      reason: entry.reason,
      actorId: entry.actorId,
      at: entry.at,
    }));
  }

  @FieldResolver(() => [CredentialObject], {
    nullable: true,
    description:
      "The credentials that work now (empty unless approved), the current one last; null unless you are an owner or collaborator of the application (or the gateway adapter).",
  })
  async credentials(
    @Root() subscription: ApiSubscriptionObject,
    @Ctx() context: GraphQLContext,
  ): Promise<CredentialObject[] | null> {
    const credentials = await credentialsLoader(context).load(domain(subscription));
    return (
      credentials?.map((credential) => ({
        id: credential.id,
        kind: credential.kind as CredentialKindValue,
        apiKey: credential.apiKey,
        clientId: credential.clientId,
        clientSecret: credential.clientSecret,
        createdAt: credential.createdAt,
        expiresAt: credential.expiresAt,
      })) ?? null
    );
  }
}
