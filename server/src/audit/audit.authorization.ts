import type { AuthorizationRows } from "../authorization/authorization-matrix.js";

/** The audit log is for administrators; the read-only token belongs to a non-administrator. */
export const authorizationRows: AuthorizationRows = {
  "Query.auditLog": {
    document:
      'query { auditLog(first: 5, filter: { action: "access_token." }) { totalCount edges { node { id action summary } } } }',
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
