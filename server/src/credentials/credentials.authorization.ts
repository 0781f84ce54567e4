import type { AuthorizationRows } from "../authorization/authorization-matrix.js";
import {
  caseName,
  changeBase,
  managersOnly,
  roleCases,
  seedMatrixSubscription,
} from "../subscriptions/subscription-matrix.fixture.js";

/**
 * Who may rotate credentials; see `subscription-matrix.fixture.ts`. The subscription is pending, so allowed
 * callers end in CONFLICT (nothing to rotate; "allow" here) after the policy let them through: the matrix runs
 * without an encryption key, and rotation with credentials is covered by `credential.service.test.ts`.
 */
export const authorizationRows: AuthorizationRows = {
  "Mutation.rotateSubscriptionCredentials": roleCases.map((role) => ({
    case: caseName(role),
    document:
      "mutation ($input: RotateSubscriptionCredentialsInput!) { rotateSubscriptionCredentials(input: $input) { subscription { id } } }",
    variables: async (fixtures, db) => ({
      input: {
        subscriptionId: await seedMatrixSubscription(db, fixtures, role, {
          apiId: "orders",
          planId: "premium",
          status: "pending_approval",
        }),
        overlapSeconds: 60,
      },
    }),
    expect: { ...changeBase, anotherUser: managersOnly[role ?? "none"] },
  })),
};
