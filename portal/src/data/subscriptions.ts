import { client } from "../client";
import { graphql } from "../gql";
import type { ApiPlansQuery } from "../gql/graphql";
import { loaded, type Loaded } from "./result";

export type ApiPlan = NonNullable<ApiPlansQuery["api"]>["plans"][number];

/** The overlap choices of a key rotation, in seconds; 0 revokes the old credentials at once. */
export const rotationOverlaps = [
  { seconds: 86_400, label: "24 hours (recommended)" },
  { seconds: 3_600, label: "1 hour" },
  { seconds: 7 * 86_400, label: "7 days" },
  { seconds: 30 * 86_400, label: "30 days" },
  { seconds: 0, label: "None: the old credentials stop working now" },
] as const;
export const DEFAULT_ROTATION_OVERLAP_SECONDS = 86_400;

const ApiPlansDocument = graphql(`
  query ApiPlans($id: ID!) {
    api(id: $id) {
      id
      plans {
        id
        name
        limits
        needsApproval
      }
    }
  }
`);

const RotateCredentialsDocument = graphql(`
  mutation RotateSubscriptionCredentials($input: RotateSubscriptionCredentialsInput!) {
    rotateSubscriptionCredentials(input: $input) {
      subscription {
        id
      }
    }
  }
`);

const ChangePlanDocument = graphql(`
  mutation ChangeSubscriptionPlan($input: ChangeSubscriptionPlanInput!) {
    changeSubscriptionPlan(input: $input) {
      subscription {
        id
        status
      }
    }
  }
`);

const UnsubscribeDocument = graphql(`
  mutation Unsubscribe($input: UnsubscribeInput!) {
    unsubscribe(input: $input) {
      deletedSubscriptionId
    }
  }
`);

/** The plans of an API the caller may choose (for changing a subscription's plan). */
export async function loadApiPlans(apiId: string): Promise<Loaded<readonly ApiPlan[]>> {
  const result = await client.query(ApiPlansDocument, { id: apiId }).toPromise();
  return loaded(result, (data) => data.api.plans);
}

/** Issues new credentials; the old ones keep working for `overlapSeconds` (0: revoked now). */
export async function rotateCredentials(subscriptionId: string, overlapSeconds: number): Promise<Loaded<true>> {
  const result = await client
    .mutation(RotateCredentialsDocument, { input: { subscriptionId, overlapSeconds } })
    .toPromise();
  return loaded(result, () => true as const);
}

/** Moves the subscription to another plan; the answer is its new status (PENDING_APPROVAL when it needs approval). */
export async function changePlan(subscriptionId: string, planId: string): Promise<Loaded<string>> {
  const result = await client.mutation(ChangePlanDocument, { input: { subscriptionId, planId } }).toPromise();
  return loaded(result, (data) => data.changeSubscriptionPlan.subscription.status);
}

export async function unsubscribe(subscriptionId: string): Promise<Loaded<true>> {
  const result = await client.mutation(UnsubscribeDocument, { input: { subscriptionId } }).toPromise();
  return loaded(result, () => true as const);
}
