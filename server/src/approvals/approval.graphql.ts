import { Field, GraphQLISODateTime, ID, InputType, Int, ObjectType } from "type-graphql";
import { ApplicationObject } from "../applications/application.graphql.js";
import { connectionType } from "../graphql/connection.js";
import {
  ApiSubscriptionObject,
  SubscriptionApiObject,
  SubscriptionPlanObject,
} from "../subscriptions/subscription.graphql.js";

@ObjectType("ApprovalRequester", { description: "Who asked for a subscription." })
export class ApprovalRequesterObject {
  @Field(() => ID, { description: "Id of the user." })
  id: string;

  @Field(() => String, { description: "E-mail address." })
  email: string;

  @Field(() => String, { description: "Name shown in the portal." })
  displayName: string;
}

@ObjectType("ApprovalRequest", { description: "A subscription waiting for an approver's decision." })
export class ApprovalRequestObject {
  @Field(() => ApiSubscriptionObject, { description: "The pending subscription." })
  subscription: ApiSubscriptionObject;

  @Field(() => ApplicationObject, { description: "The application that wants to subscribe." })
  application: ApplicationObject;

  @Field(() => SubscriptionApiObject, { description: "The API." })
  api: SubscriptionApiObject;

  @Field(() => SubscriptionPlanObject, { description: "The requested plan." })
  plan: SubscriptionPlanObject;

  @Field(() => ApprovalRequesterObject, {
    nullable: true,
    description: "Who asked; null when the account no longer exists or it was not a user.",
  })
  requester: ApprovalRequesterObject | null;

  @Field(() => GraphQLISODateTime, { description: "When the request entered the queue." })
  requestedAt: string;

  @Field(() => Int, { description: "Seconds the request has been waiting." })
  waitingSeconds: number;
}

export const ApprovalRequestConnection = connectionType(ApprovalRequestObject, "ApprovalRequest");

@InputType({ description: "Which request to approve." })
export class ApproveSubscriptionInput {
  @Field(() => ID, { description: "Id of the pending subscription." })
  subscriptionId: string;
}

@ObjectType({ description: "The approved subscription." })
export class ApproveSubscriptionPayload {
  @Field(() => ApiSubscriptionObject, { description: "The subscription, now APPROVED with credentials." })
  subscription: ApiSubscriptionObject;
}

@InputType({ description: "Which request to decline, and why." })
export class DeclineSubscriptionInput {
  @Field(() => ID, { description: "Id of the pending subscription." })
  subscriptionId: string;

  @Field(() => String, { description: "Why (1–1000 characters); the requester sees it on the subscription." })
  reason: string;
}

@ObjectType({ description: "The declined subscription." })
export class DeclineSubscriptionPayload {
  @Field(() => ApiSubscriptionObject, { description: "The subscription, now DECLINED with the reason." })
  subscription: ApiSubscriptionObject;
}
