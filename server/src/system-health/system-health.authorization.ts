import type { AuthorizationRows } from "../authorization/authorization-matrix.js";

/** System health is for administrators; service accounts and everyone else are refused. */
export const authorizationRows: AuthorizationRows = {
  "Query.systemHealth": {
    document:
      "query { systemHealth { checkedAt configHash database { reachable latencyMs } eventLog { headSequence headAgeSeconds } webhookListeners { id backlog lagSeconds failing } } }",
    expect: {
      anonymous: "UNAUTHENTICATED",
      unverifiedUser: "FORBIDDEN",
      verifiedUser: "FORBIDDEN",
      anotherUser: "FORBIDDEN",
      disabledUser: "UNAUTHENTICATED",
      approver: "FORBIDDEN",
      administrator: "allow",
      serviceAccount: "FORBIDDEN",
      readOnlyToken: "FORBIDDEN",
    },
  },
};
