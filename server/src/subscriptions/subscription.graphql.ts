import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from "type-graphql";

/** The GraphQL names of the statuses; the values are the portal's own. */
export enum SubscriptionStatusValue {
  PENDING_APPROVAL = "pending_approval",
  APPROVED = "approved",
  PROVISIONED = "provisioned",
  PROVISIONING_FAILED = "provisioning_failed",
  DECLINED = "declined",
}

registerEnumType(SubscriptionStatusValue, {
  name: "SubscriptionStatus",
  description: "Where a subscription stands.",
  valuesConfig: {
    PENDING_APPROVAL: { description: "Waiting for an approver; no credentials yet." },
    APPROVED: { description: "Approved, credentials issued; waiting for the gateway to provision them." },
    PROVISIONED: { description: "Live at the gateway: the credentials work." },
    PROVISIONING_FAILED: { description: "The gateway could not provision it; `statusReason` says why." },
    DECLINED: { description: "An approver declined the request; `statusReason` says why." },
  },
});

@ObjectType("SubscriptionApi", { description: "The API a subscription is for." })
export class SubscriptionApiObject {
  @Field(() => ID, { description: "Id of the API (see the `api` query for its details)." })
  id: string;

  @Field(() => String, { description: "Display name; the id when the API is no longer configured." })
  name: string;
}

@ObjectType("SubscriptionPlan", { description: "The plan a subscription uses." })
export class SubscriptionPlanObject {
  @Field(() => ID, { description: "Id of the plan." })
  id: string;

  @Field(() => String, { description: "Display name; the id when the plan is no longer configured." })
  name: string;

  @Field(() => Boolean, { description: "Whether subscriptions to this plan wait for an approver." })
  needsApproval: boolean;
}

@ObjectType("SubscriptionStatusHistoryEntry", { description: "One status a subscription went through." })
export class StatusHistoryEntryObject {
  @Field(() => SubscriptionStatusValue, { description: "The status it entered." })
  status: SubscriptionStatusValue;

  @Field(() => String, {
    nullable: true,
    description: "Why (decline reason, provisioning error); null if none.",
  })
  reason: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Who set it: a user id, a service account id, or `system:<job>`.",
  })
  actorId: string | null;

  @Field(() => GraphQLISODateTime, { description: "When." })
  at: string;
}

/**
 * `Subscription` is the name of GraphQL's root type for live updates, so an application's subscription to an API
 * is `ApiSubscription`. Its `application`, `api`, `plan`, `statusHistory` and `credentials` are field resolvers.
 */
@ObjectType("ApiSubscription", {
  description:
    "An application's subscription to an API with a plan. Visible to the application's members, administrators, service accounts, and approvers of its API.",
})
export class ApiSubscriptionObject {
  @Field(() => ID, { description: "Stable, random id." })
  id: string;

  @Field(() => ID, { description: "Id of the subscribed application." })
  applicationId: string;

  @Field(() => SubscriptionStatusValue, { description: "Where the subscription stands." })
  status: SubscriptionStatusValue;

  @Field(() => String, {
    nullable: true,
    description: "Why it has its status: the approver's decline reason, or the gateway's provisioning error.",
  })
  statusReason: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "The user who asked for the current plan (subscribed or changed the plan); null for non-users.",
  })
  requestedBy: string | null;

  @Field(() => GraphQLISODateTime, {
    nullable: true,
    description: "When it was last approved; null while not.",
  })
  approvedAt: string | null;

  @Field(() => GraphQLISODateTime, { description: "When the application subscribed." })
  createdAt: string;

  @Field(() => GraphQLISODateTime, { description: "When the subscription last changed." })
  updatedAt: string;
}
