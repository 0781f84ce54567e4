import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from "type-graphql";
import { ApprovalRequestObject } from "./approval.graphql.js";

export enum ApprovalQueueChangeKindValue {
  REQUESTED = "requested",
  APPROVED = "approved",
  DECLINED = "declined",
  WITHDRAWN = "withdrawn",
}

registerEnumType(ApprovalQueueChangeKindValue, {
  name: "ApprovalQueueChangeKind",
  description: "How the approval queue changed.",
  valuesConfig: {
    REQUESTED: {
      description: "A request entered the queue (new subscription, or a plan that needs approval).",
    },
    APPROVED: { description: "A request was approved (or its plan changed to one without approval)." },
    DECLINED: { description: "A request was declined." },
    WITHDRAWN: {
      description: "A pending subscription was removed (unsubscribed, or its application deleted).",
    },
  },
});

@ObjectType("ApprovalQueueChange", { description: "A change of the approval queue the caller sees." })
export class ApprovalQueueChangeObject {
  @Field(() => ApprovalQueueChangeKindValue, { description: "What happened." })
  change: ApprovalQueueChangeKindValue;

  @Field(() => ID, { description: "Id of the subscription." })
  subscriptionId: string;

  @Field(() => ID, { description: "Id of its API." })
  apiId: string;

  @Field(() => GraphQLISODateTime, { description: "When it happened." })
  occurredAt: string;

  @Field(() => ApprovalRequestObject, {
    nullable: true,
    description: "The request as it waits now; null once it left the queue.",
  })
  request: ApprovalRequestObject | null;
}
