import type { AuthorizationRows } from "../authorization/authorization-matrix.js";
import { anyoneWithALink, ownAccountChange } from "../users/users.authorization.js";

/** Who may reset and change passwords. */
export const authorizationRows: AuthorizationRows = {
  "Mutation.requestPasswordReset": {
    document: 'mutation { requestPasswordReset(input: { email: "verified@example.com" }) { accepted } }',
    expect: anyoneWithALink,
  },
  "Mutation.resetPassword": {
    document:
      'mutation { resetPassword(input: { token: "not-a-real-link", newPassword: "matrix-password-1" }) { endedSessions } }',
    expect: anyoneWithALink,
  },
  "Mutation.changePassword": {
    document:
      'mutation { changePassword(input: { currentPassword: "not-it-1234", newPassword: "matrix-password-1" }) { endedSessions } }',
    expect: ownAccountChange,
  },
};
