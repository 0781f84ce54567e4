import type { AuthorizationRows } from "../authorization/authorization-matrix.js";

/** The event log is for administrators and service accounts; the read-only token belongs to a non-administrator. */
export const authorizationRows: AuthorizationRows = {
  "Subscription.eventLog": {
    document: 'subscription { eventLog(from: 1, names: ["user.*"]) { sequence name payload } }',
    expect: {
      anonymous: "UNAUTHENTICATED",
      unverifiedUser: "FORBIDDEN",
      verifiedUser: "FORBIDDEN",
      anotherUser: "FORBIDDEN",
      disabledUser: "UNAUTHENTICATED",
      approver: "FORBIDDEN",
      administrator: "allow",
      serviceAccount: "allow",
      readOnlyToken: "FORBIDDEN",
    },
  },
};
