import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { toSubscriptionObject } from "./subscription-fields.resolver.js";
import {
  ChangeSubscriptionPlanInput,
  ChangeSubscriptionPlanPayload,
  ReportProvisioningInput,
  ReportProvisioningPayload,
  SubscribeInput,
  SubscribePayload,
  UnsubscribeInput,
  UnsubscribePayload,
} from "./subscription-mutations.graphql.js";
import { ApiSubscriptionObject } from "./subscription.graphql.js";

@Resolver()
export class SubscriptionResolver {
  @Query(() => ApiSubscriptionObject, {
    description:
      "One subscription by id: for the application's members, administrators, service accounts, and approvers of its API.",
  })
  async subscription(
    @Arg("id", () => ID, { description: "Id of the subscription." }) id: string,
    @Ctx() context: GraphQLContext,
  ): Promise<ApiSubscriptionObject> {
    const { subscription } = await context.services.subscriptions.subscriptions.get(context.actor, id);
    return toSubscriptionObject(subscription);
  }

  @Mutation(() => SubscribePayload, {
    description:
      "Subscribes an application to an API with a plan (owners, collaborators, administrators). Plans without approval are APPROVED at once with credentials; others wait in the approval queue. CONFLICT when the application already has a subscription to the API.",
  })
  async subscribe(
    @Arg("input", () => SubscribeInput, { description: "Application, API and plan." }) input: SubscribeInput,
    @Ctx() context: GraphQLContext,
  ): Promise<SubscribePayload> {
    const subscription = await context.services.subscriptions.subscriptions.subscribe(context.actor, {
      ...input,
    });
    return { subscription: toSubscriptionObject(subscription) };
  }

  @Mutation(() => UnsubscribePayload, {
    description:
      "Removes a subscription and its credentials (owners, collaborators, administrators); also withdraws a pending request.",
  })
  async unsubscribe(
    @Arg("input", () => UnsubscribeInput, { description: "The subscription." }) input: UnsubscribeInput,
    @Ctx() context: GraphQLContext,
  ): Promise<UnsubscribePayload> {
    const removed = await context.services.subscriptions.subscriptions.unsubscribe(context.actor, {
      ...input,
    });
    return { deletedSubscriptionId: removed.id, applicationId: removed.applicationId };
  }

  @Mutation(() => ChangeSubscriptionPlanPayload, {
    description:
      "Moves a subscription to another plan of its API (owners, collaborators, administrators). A plan that needs approval sends it back to PENDING_APPROVAL and revokes its credentials; otherwise it stays approved (a pending or declined one is approved at once).",
  })
  async changeSubscriptionPlan(
    @Arg("input", () => ChangeSubscriptionPlanInput, { description: "The subscription and the new plan." })
    input: ChangeSubscriptionPlanInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ChangeSubscriptionPlanPayload> {
    const subscription = await context.services.subscriptions.subscriptions.changePlan(context.actor, {
      ...input,
    });
    return { subscription: toSubscriptionObject(subscription) };
  }

  @Mutation(() => ReportProvisioningPayload, {
    description:
      "The gateway adapter's receipt (read-write service accounts only): PROVISIONED, or PROVISIONING_FAILED with the reason. Repeating the current status changes nothing.",
  })
  async reportProvisioning(
    @Arg("input", () => ReportProvisioningInput, { description: "The subscription and the outcome." })
    input: ReportProvisioningInput,
    @Ctx() context: GraphQLContext,
  ): Promise<ReportProvisioningPayload> {
    const subscription = await context.services.subscriptions.subscriptions.reportProvisioning(
      context.actor,
      {
        ...input,
      },
    );
    return { subscription: toSubscriptionObject(subscription) };
  }
}
