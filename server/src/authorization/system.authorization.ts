import type { AuthorizationRows } from "./authorization-matrix.js";

/**
 * Rows for the operations of `graphql/system.resolver.ts`. The disabled user is refused everywhere, even on
 * public operations: a credential of a disabled account is UNAUTHENTICATED, never silently anonymous.
 */
export const authorizationRows: AuthorizationRows = {
  "Query.errorCodes": {
    document: "query { errorCodes { code description } }",
    expect: {
      anonymous: "allow",
      unverifiedUser: "allow",
      verifiedUser: "allow",
      anotherUser: "allow",
      disabledUser: "UNAUTHENTICATED",
      approver: "allow",
      administrator: "allow",
      serviceAccount: "allow",
      readOnlyToken: "allow",
    },
  },
};
