import type { AuthorizationRows } from "../authorization/authorization-matrix.js";
import { seedMatrixSubscription } from "../subscriptions/subscription-matrix.fixture.js";

/**
 * Who may read the gateway's desired state: service accounts (the gateway adapter) and administrators. Everybody
 * else is refused, members of an application included. Which callers see secrets is checked in
 * `gateway.service.test.ts`.
 */
const adapterAndAdministrators = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "FORBIDDEN",
  verifiedUser: "FORBIDDEN",
  anotherUser: "FORBIDDEN",
  disabledUser: "UNAUTHENTICATED",
  approver: "FORBIDDEN",
  administrator: "allow",
  serviceAccount: "allow",
  readOnlyToken: "FORBIDDEN",
} as const;

export const authorizationRows: AuthorizationRows = {
  "Query.gatewayConfiguration": {
    document: `query { gatewayConfiguration { configHash apis { id auth { type } plugins { name config } } plans { id } } }`,
    expect: adapterAndAdministrators,
  },
  "Query.gatewayConsumers": {
    case: "a provisioned subscription of the verified user's application",
    document: `query { gatewayConsumers(first: 10) { totalCount edges { node { subscriptionId credentials { id apiKey clientId clientSecret } } } } }`,
    variables: async (fixtures, db) => {
      await seedMatrixSubscription(db, fixtures, null, {
        apiId: "orders",
        planId: "basic",
        status: "provisioned",
      });
      return {};
    },
    expect: adapterAndAdministrators,
  },
};
