import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { ApiSubscriptionObject } from "./subscription.graphql.js";

@InputType({ description: "Which application subscribes to which API with which plan." })
export class SubscribeInput {
  @Field(() => ID, { description: "Id of an application you own or collaborate on." })
  applicationId: string;

  @Field(() => ID, { description: "Id of the API (not deprecated; one that issues credentials)." })
  apiId: string;

  @Field(() => ID, { description: "Id of one of the API's plans that your groups allow." })
  planId: string;
}

@ObjectType({ description: "The new subscription: APPROVED with credentials, or PENDING_APPROVAL." })
export class SubscribePayload {
  @Field(() => ApiSubscriptionObject, { description: "The subscription." })
  subscription: ApiSubscriptionObject;
}

@InputType({ description: "Which subscription to remove." })
export class UnsubscribeInput {
  @Field(() => ID, { description: "Id of the subscription." })
  subscriptionId: string;
}

@ObjectType({ description: "What was removed." })
export class UnsubscribePayload {
  @Field(() => ID, { description: "Id of the removed subscription; its credentials stopped working." })
  deletedSubscriptionId: string;

  @Field(() => ID, { description: "Id of the application it belonged to." })
  applicationId: string;
}

@InputType({ description: "Which subscription moves to which plan." })
export class ChangeSubscriptionPlanInput {
  @Field(() => ID, { description: "Id of the subscription." })
  subscriptionId: string;

  @Field(() => ID, { description: "Id of another plan of the same API that your groups allow." })
  planId: string;
}

@ObjectType({ description: "The subscription on its new plan." })
export class ChangeSubscriptionPlanPayload {
  @Field(() => ApiSubscriptionObject, {
    description: "The subscription: PENDING_APPROVAL (credentials revoked) when the new plan needs approval.",
  })
  subscription: ApiSubscriptionObject;
}

/** The statuses the gateway adapter reports; the values are the portal's own. */
export enum ProvisioningStatusValue {
  PROVISIONED = "provisioned",
  PROVISIONING_FAILED = "provisioning_failed",
}

registerEnumType(ProvisioningStatusValue, {
  name: "ProvisioningStatus",
  description: "What the gateway adapter reports about a subscription.",
  valuesConfig: {
    PROVISIONED: { description: "The credentials and the plan are live at the gateway." },
    PROVISIONING_FAILED: { description: "The gateway could not be configured; give the reason." },
  },
});

@InputType({ description: "The gateway adapter's receipt for a subscription." })
export class ReportProvisioningInput {
  @Field(() => ID, { description: "Id of the subscription." })
  subscriptionId: string;

  @Field(() => ProvisioningStatusValue, { description: "The outcome." })
  status: ProvisioningStatusValue;

  @Field(() => String, {
    nullable: true,
    description:
      "Why provisioning failed (required for PROVISIONING_FAILED, 1–1000 characters); optional note otherwise.",
  })
  reason?: string | null;
}

@ObjectType({ description: "The subscription with its new status." })
export class ReportProvisioningPayload {
  @Field(() => ApiSubscriptionObject, { description: "The subscription." })
  subscription: ApiSubscriptionObject;
}
