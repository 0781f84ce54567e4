import type { AuthorizationRows, OperationRow } from "../authorization/authorization-matrix.js";
import type { CallerFixtures } from "../authorization/caller-fixtures.js";
import {
  seedMatrixSubscription,
  type Allowed,
  type SeededSubscription,
} from "../subscriptions/subscription-matrix.fixture.js";

/**
 * Who sees the approval queue and decides on requests; see `subscription-matrix.fixture.ts`. The approver decides
 * on APIs of its groups only (it is put into `partners`, the group of the logistics API, where a case says so);
 * APIs without a required group (payments) are for administrators only; nobody but administrators decides on
 * their own request. Every request was made by the verified user (the owner of `matrix-app`), unless a case
 * says otherwise.
 */

const onlyDeciders = (approver: "allow" | "FORBIDDEN"): Allowed => ({
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "FORBIDDEN",
  verifiedUser: "FORBIDDEN",
  anotherUser: "FORBIDDEN",
  disabledUser: "UNAUTHENTICATED",
  approver,
  administrator: "allow",
  serviceAccount: "FORBIDDEN",
  readOnlyToken: "INSUFFICIENT_SCOPE",
});

const decisionCases: readonly {
  readonly case: string;
  readonly spec: (fixtures: CallerFixtures) => SeededSubscription;
  readonly approver: "allow" | "FORBIDDEN";
}[] = [
  {
    case: "an API of the approver's group",
    spec: () => ({
      apiId: "logistics",
      planId: "premium",
      status: "pending_approval",
      approverInPartners: true,
    }),
    approver: "allow",
  },
  {
    case: "an API of a group the approver is not in",
    spec: () => ({ apiId: "logistics", planId: "premium", status: "pending_approval" }),
    approver: "FORBIDDEN",
  },
  {
    case: "an API without required group",
    spec: () => ({
      apiId: "payments",
      planId: "premium",
      status: "pending_approval",
      approverInPartners: true,
    }),
    approver: "FORBIDDEN",
  },
  {
    case: "the approver's own request",
    spec: (fixtures) => ({
      apiId: "logistics",
      planId: "premium",
      status: "pending_approval",
      approverInPartners: true,
      requestedBy: fixtures.users.approver.id,
    }),
    approver: "FORBIDDEN",
  },
];

function decisionRows(
  document: string,
  input: (subscriptionId: string) => Record<string, unknown>,
): OperationRow[] {
  return decisionCases.map((decision) => ({
    case: decision.case,
    document,
    variables: async (fixtures, db) =>
      input(await seedMatrixSubscription(db, fixtures, "collaborator", decision.spec(fixtures))),
    expect: onlyDeciders(decision.approver),
  }));
}

const queueReaders: Allowed = { ...onlyDeciders("allow"), readOnlyToken: "FORBIDDEN" };

export const authorizationRows: AuthorizationRows = {
  "Query.approvals": {
    document:
      "query { approvals(first: 10) { totalCount edges { node { waitingSeconds subscription { id } application { id } api { id } plan { id } } } } }",
    variables: async (fixtures, db) => {
      await seedMatrixSubscription(db, fixtures, null, {
        apiId: "logistics",
        planId: "premium",
        status: "pending_approval",
        approverInPartners: true,
      });
      return {};
    },
    expect: queueReaders, // the read-only token is the verified user's, who is no approver
  },
  "Mutation.approveSubscription": decisionRows(
    "mutation ($input: ApproveSubscriptionInput!) { approveSubscription(input: $input) { subscription { id status } } }",
    (subscriptionId) => ({ input: { subscriptionId } }),
  ),
  "Mutation.declineSubscription": decisionRows(
    "mutation ($input: DeclineSubscriptionInput!) { declineSubscription(input: $input) { subscription { id status } } }",
    (subscriptionId) => ({ input: { subscriptionId, reason: "Not for this use case" } }),
  ),
  "Subscription.approvalQueueChanged": {
    document: "subscription { approvalQueueChanged { change subscriptionId } }",
    expect: queueReaders,
  },
};
