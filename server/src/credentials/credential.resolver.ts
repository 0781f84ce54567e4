import { Arg, Ctx, Mutation, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toSubscriptionObject } from "../subscriptions/subscription-fields.resolver.js";
import {
  RotateSubscriptionCredentialsInput,
  RotateSubscriptionCredentialsPayload,
} from "./credential.graphql.js";

@Resolver()
export class CredentialResolver {
  @Mutation(() => RotateSubscriptionCredentialsPayload, {
    description:
      "Issues a new API key or OAuth2 client id and secret for an approved subscription (owners, collaborators, administrators). The previous credentials keep working for `overlapSeconds` (default 24 hours; 0 revokes them at once); until then both are listed.",
  })
  async rotateSubscriptionCredentials(
    @Arg("input", () => RotateSubscriptionCredentialsInput, {
      description: "The subscription and the overlap.",
    })
    input: RotateSubscriptionCredentialsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<RotateSubscriptionCredentialsPayload> {
    const subscription = await context.services.subscriptions.credentials.rotate(context.actor, { ...input });
    return { subscription: toSubscriptionObject(subscription) };
  }
}
