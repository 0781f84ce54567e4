import type { AuthorizationRows } from "../authorization/authorization-matrix.js";
import { anyoneWithALink, ownAccountChange } from "../users/users.authorization.js";

/** Who may sign in and out. The fixture users have no password, so sign-in is allowed and then refused. */
export const authorizationRows: AuthorizationRows = {
  "Mutation.signIn": {
    document:
      'mutation { signIn(input: { email: "verified@example.com", password: "not-it-1234" }) { expiresAt viewer { id } } }',
    expect: anyoneWithALink,
  },
  "Mutation.signOut": {
    document: "mutation { signOut { signedOut } }",
    expect: {
      anonymous: "allow",
      unverifiedUser: "allow",
      verifiedUser: "allow",
      anotherUser: "allow",
      disabledUser: "UNAUTHENTICATED",
      approver: "allow",
      administrator: "allow",
      serviceAccount: "allow",
      readOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },
  "Mutation.signOutEverywhere": {
    document: "mutation { signOutEverywhere { endedSessions } }",
    expect: ownAccountChange,
  },
};
