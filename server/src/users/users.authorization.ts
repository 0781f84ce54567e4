import type { AuthorizationRows, Expectation } from "../authorization/authorization-matrix.js";
import type { CallerKind } from "../authorization/caller-fixtures.js";
import { everyoneMayAsk } from "../catalog/catalog.authorization.js";

type Expectations = Readonly<Record<CallerKind, Expectation>>;

/** Links from e-mails and sign-up: anyone but service accounts and read-only tokens (the link authorizes). */
export const anyoneWithALink: Expectations = {
  anonymous: "allow",
  unverifiedUser: "allow",
  verifiedUser: "allow",
  anotherUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  approver: "allow",
  administrator: "allow",
  serviceAccount: "FORBIDDEN",
  readOnlyToken: "INSUFFICIENT_SCOPE",
};

/** Changes to one's own account: any signed-in user with the write scope (unverified ones too). */
export const ownAccountChange: Expectations = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "allow",
  verifiedUser: "allow",
  anotherUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  approver: "allow",
  administrator: "allow",
  serviceAccount: "FORBIDDEN",
  readOnlyToken: "INSUFFICIENT_SCOPE",
};

/** Reading users: administrators only. */
export const administratorsRead: Expectations = {
  anonymous: "UNAUTHENTICATED",
  unverifiedUser: "FORBIDDEN",
  verifiedUser: "FORBIDDEN",
  anotherUser: "FORBIDDEN",
  disabledUser: "UNAUTHENTICATED",
  approver: "FORBIDDEN",
  administrator: "allow",
  serviceAccount: "FORBIDDEN",
  readOnlyToken: "FORBIDDEN",
};

/** Changing other users: administrators only, never with a read-only token. */
const administratorsWrite: Expectations = { ...administratorsRead, readOnlyToken: "INSUFFICIENT_SCOPE" };

const userFields =
  "id email displayName emailVerified isAdmin isApprover groups { id } profile { field value }";

/**
 * Who may use the user operations. The fixture users have no password, so password-checking operations are
 * "allowed" and then fail with INVALID_CREDENTIALS, which changes nothing.
 */
export const authorizationRows: AuthorizationRows = {
  "Query.signUpRequirements": {
    document:
      "query { signUpRequirements { passwordPolicy { minLength maxLength requireUpper requireLower requireDigit requireSpecial } profileFields { id label required maxLength } } }",
    expect: everyoneMayAsk,
  },
  "Query.viewer": {
    document: `query { viewer { ${userFields} } }`,
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
  "Query.users": {
    document: `query { users(first: 5, filter: { search: "example" }) { totalCount edges { node { ${userFields} } } } }`,
    expect: administratorsRead,
  },
  "Query.user": [
    {
      case: "the verified user",
      document: `query ($id: ID!) { user(id: $id) { ${userFields} } }`,
      variables: (fixtures) => ({ id: fixtures.users.verified.id }),
      expect: { ...administratorsRead, verifiedUser: "allow", readOnlyToken: "allow" },
    },
  ],
  "Mutation.signUp": {
    document: "mutation ($input: SignUpInput!) { signUp(input: $input) { userId email } }",
    variables: () => ({
      input: {
        email: "newcomer@example.com",
        password: "matrix-password-1",
        displayName: "Newcomer",
        profile: [{ field: "name", value: "New Comer" }],
      },
    }),
    expect: {
      anonymous: "allow",
      unverifiedUser: "FORBIDDEN",
      verifiedUser: "FORBIDDEN",
      anotherUser: "FORBIDDEN",
      disabledUser: "UNAUTHENTICATED",
      approver: "FORBIDDEN",
      administrator: "FORBIDDEN",
      serviceAccount: "FORBIDDEN",
      readOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },
  "Mutation.verifyEmail": {
    document: 'mutation { verifyEmail(input: { token: "not-a-real-link" }) { email } }',
    expect: anyoneWithALink,
  },
  "Mutation.resendVerification": {
    document: "mutation ($email: String!) { resendVerification(input: { email: $email }) { accepted } }",
    variables: (fixtures) => ({ email: fixtures.users.unverified.email }),
    expect: anyoneWithALink,
  },
  "Mutation.confirmEmailChange": {
    document: 'mutation { confirmEmailChange(input: { token: "not-a-real-link" }) { email } }',
    expect: anyoneWithALink,
  },
  "Mutation.updateProfile": {
    document: `mutation { updateProfile(input: { displayName: "Renamed" }) { viewer { ${userFields} } } }`,
    expect: ownAccountChange,
  },
  "Mutation.requestEmailChange": {
    document:
      'mutation { requestEmailChange(input: { newEmail: "moved@example.com", currentPassword: "not-it-1234" }) { newEmail } }',
    expect: ownAccountChange,
  },
  "Mutation.deleteAccount": {
    document: 'mutation { deleteAccount(input: { password: "not-it-1234" }) { deletedUserId } }',
    expect: ownAccountChange,
  },
  "Mutation.setUserGroups": {
    document:
      'mutation ($userId: ID!) { setUserGroups(input: { userId: $userId, groupIds: ["developers", "partners"] }) { user { id groups { id } } } }',
    variables: (fixtures) => ({ userId: fixtures.users.another.id }),
    expect: administratorsWrite,
  },
  "Mutation.disableUser": {
    document:
      "mutation ($userId: ID!) { disableUser(input: { userId: $userId }) { user { id disabledAt } } }",
    variables: (fixtures) => ({ userId: fixtures.users.another.id }),
    expect: administratorsWrite,
  },
  "Mutation.enableUser": {
    document: "mutation ($userId: ID!) { enableUser(input: { userId: $userId }) { user { id disabledAt } } }",
    variables: (fixtures) => ({ userId: fixtures.users.disabled.id }),
    expect: administratorsWrite,
  },
  "Mutation.deleteUser": {
    document: "mutation ($userId: ID!) { deleteUser(input: { userId: $userId }) { deletedUserId } }",
    variables: (fixtures) => ({ userId: fixtures.users.another.id }),
    expect: administratorsWrite,
  },
  "Mutation.adminResendVerification": {
    document:
      "mutation ($userId: ID!) { adminResendVerification(input: { userId: $userId }) { user { id emailVerified } } }",
    variables: (fixtures) => ({ userId: fixtures.users.unverified.id }),
    expect: administratorsWrite,
  },
};
