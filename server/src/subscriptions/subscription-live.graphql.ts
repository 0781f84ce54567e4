import { Field, GraphQLISODateTime, ID, ObjectType } from "type-graphql";
import { ApiSubscriptionObject } from "./subscription.graphql.js";

@ObjectType("SubscriptionChange", { description: "A change of one of an application's subscriptions." })
export class SubscriptionChangeObject {
  @Field(() => String, {
    description:
      "The event: `subscription.created`, `.approved`, `.declined`, `.plan_changed`, `.credentials_rotated`, `.provisioned`, `.provisioning_failed` or `.deleted`.",
  })
  event: string;

  @Field(() => ID, { description: "Id of the subscription." })
  subscriptionId: string;

  @Field(() => ID, { description: "Id of the application." })
  applicationId: string;

  @Field(() => GraphQLISODateTime, { description: "When it happened." })
  occurredAt: string;

  @Field(() => ApiSubscriptionObject, {
    nullable: true,
    description: "The subscription as it is now; null when it was deleted.",
  })
  subscription: ApiSubscriptionObject | null;
}
