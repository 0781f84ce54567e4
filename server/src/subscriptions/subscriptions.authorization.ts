import type { AuthorizationRows, OperationRow } from "../authorization/authorization-matrix.js";
import {
  caseName,
  changeBase,
  managersOnly,
  roleCases,
  seedMatrixApplication,
  seedMatrixSubscription,
} from "./subscription-matrix.fixture.js";

/** Who may use the subscription operations; see `subscription-matrix.fixture.ts` for the seeded data. */

const readBase = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "FORBIDDEN",
  verifiedUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  administrator: "allow",
  serviceAccount: "allow",
  readOnlyToken: "allow",
} as const;

const subscriptionQuery = "query ($id: ID!) { subscription(id: $id) { id status api { id } plan { id } } }";

const subscriptionRows: OperationRow[] = [
  ...roleCases.map((role): OperationRow => ({
    case: `${caseName(role)}; an API without required group`,
    document: subscriptionQuery,
    variables: async (fixtures, db) => ({
      id: await seedMatrixSubscription(db, fixtures, role, {
        apiId: "orders",
        planId: "basic",
        status: "approved",
      }),
    }),
    expect: { ...readBase, anotherUser: role ? "allow" : "FORBIDDEN", approver: "FORBIDDEN" },
  })),
  {
    case: "an API of the approver's group",
    document: subscriptionQuery,
    variables: async (fixtures, db) => ({
      id: await seedMatrixSubscription(db, fixtures, null, {
        apiId: "logistics",
        planId: "premium",
        status: "pending_approval",
        approverInPartners: true,
      }),
    }),
    expect: { ...readBase, anotherUser: "FORBIDDEN", approver: "allow" },
  },
  {
    case: "an API of a group the approver is not in",
    document: subscriptionQuery,
    variables: async (fixtures, db) => ({
      id: await seedMatrixSubscription(db, fixtures, null, {
        apiId: "logistics",
        planId: "premium",
        status: "pending_approval",
      }),
    }),
    expect: { ...readBase, anotherUser: "FORBIDDEN", approver: "FORBIDDEN" },
  },
];

/** One row per role of the other user, on an approved subscription to orders/basic. */
function managerRows(
  document: string,
  input: (subscriptionId: string) => Record<string, unknown>,
): OperationRow[] {
  return roleCases.map((role) => ({
    case: caseName(role),
    document,
    variables: async (fixtures, db) =>
      input(
        await seedMatrixSubscription(db, fixtures, role, {
          apiId: "orders",
          planId: "basic",
          status: "approved",
        }),
      ),
    expect: { ...changeBase, anotherUser: managersOnly[role ?? "none"] },
  }));
}

export const authorizationRows: AuthorizationRows = {
  "Query.subscription": subscriptionRows,

  // Plan premium needs approval: allowed calls create a pending subscription (no credentials are issued).
  "Mutation.subscribe": roleCases.map((role) => ({
    case: caseName(role),
    document:
      "mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id status } } }",
    variables: async (fixtures, db) => ({
      input: {
        applicationId: await seedMatrixApplication(db, fixtures, role),
        apiId: "orders",
        planId: "premium",
      },
    }),
    expect: {
      ...changeBase,
      approver: "allow", // NOT_FOUND: the application is not visible to it
      anotherUser: role === "reader" ? "FORBIDDEN" : "allow", // a non-member gets NOT_FOUND
    },
  })),

  "Mutation.unsubscribe": managerRows(
    "mutation ($input: UnsubscribeInput!) { unsubscribe(input: $input) { deletedSubscriptionId } }",
    (subscriptionId) => ({ input: { subscriptionId } }),
  ),

  // To a plan that needs approval: the subscription goes back to the queue, its credentials are revoked.
  "Mutation.changeSubscriptionPlan": managerRows(
    "mutation ($input: ChangeSubscriptionPlanInput!) { changeSubscriptionPlan(input: $input) { subscription { id status } } }",
    (subscriptionId) => ({ input: { subscriptionId, planId: "premium" } }),
  ),

  "Mutation.reportProvisioning": {
    document:
      "mutation ($input: ReportProvisioningInput!) { reportProvisioning(input: $input) { subscription { id status } } }",
    variables: async (fixtures, db) => ({
      input: {
        subscriptionId: await seedMatrixSubscription(db, fixtures, "collaborator", {
          apiId: "orders",
          planId: "basic",
          status: "approved",
        }),
        status: "PROVISIONED",
      },
    }),
    expect: {
      anonymous: "UNAUTHENTICATED",
      unverifiedUser: "FORBIDDEN",
      verifiedUser: "FORBIDDEN",
      anotherUser: "FORBIDDEN",
      disabledUser: "UNAUTHENTICATED",
      approver: "FORBIDDEN",
      administrator: "FORBIDDEN",
      serviceAccount: "allow",
      readOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },

  "Subscription.subscriptionStatusChanged": [
    ...roleCases.map((role): OperationRow => ({
      case: caseName(role),
      document:
        "subscription ($id: ID!) { subscriptionStatusChanged(applicationId: $id) { event subscriptionId } }",
      variables: async (fixtures, db) => ({ id: await seedMatrixApplication(db, fixtures, role) }),
      expect: {
        anonymous: "UNAUTHENTICATED",
        unverifiedUser: "allow", // NOT_FOUND: not visible to non-members
        verifiedUser: "allow",
        anotherUser: "allow", // a member of any role, or NOT_FOUND for a non-member
        disabledUser: "UNAUTHENTICATED",
        approver: "allow", // NOT_FOUND: the application has no subscription to an API of its groups
        administrator: "allow",
        serviceAccount: "FORBIDDEN", // reads applications, but does not follow them live
        readOnlyToken: "allow",
      },
    })),
    {
      case: "an application the approver may read (a subscription to an API of its group)",
      document: "subscription ($id: ID!) { subscriptionStatusChanged(applicationId: $id) { event } }",
      variables: async (fixtures, db) => {
        await seedMatrixSubscription(db, fixtures, null, {
          apiId: "logistics",
          planId: "premium",
          status: "pending_approval",
          approverInPartners: true,
        });
        return { id: "matrix-app" };
      },
      expect: {
        anonymous: "UNAUTHENTICATED",
        unverifiedUser: "allow",
        verifiedUser: "allow",
        anotherUser: "allow",
        disabledUser: "UNAUTHENTICATED",
        approver: "FORBIDDEN",
        administrator: "allow",
        serviceAccount: "FORBIDDEN",
        readOnlyToken: "allow",
      },
    },
  ],
};
