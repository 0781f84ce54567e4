import type { AuthorizationRows } from "../authorization/authorization-matrix.js";

/** Who may use the personal access token operations. The tokens of the fixture belong to the verified user. */
export const authorizationRows: AuthorizationRows = {
  "Query.accessTokens": [
    {
      case: "own tokens",
      document: "query { accessTokens { totalCount edges { node { id prefix scope } } } }",
      expect: {
        anonymous: "UNAUTHENTICATED",
        unverifiedUser: "allow",
        verifiedUser: "allow",
        anotherUser: "allow",
        disabledUser: "UNAUTHENTICATED",
        approver: "allow",
        administrator: "allow",
        serviceAccount: "FORBIDDEN",
        readOnlyToken: "allow",
      },
    },
    {
      case: "the verified user's tokens",
      document: "query ($userId: ID!) { accessTokens(userId: $userId, includeRevoked: true) { totalCount } }",
      variables: (fixtures) => ({ userId: fixtures.users.verified.id }),
      expect: {
        anonymous: "UNAUTHENTICATED",
        unverifiedUser: "FORBIDDEN",
        verifiedUser: "allow",
        anotherUser: "FORBIDDEN",
        disabledUser: "UNAUTHENTICATED",
        approver: "FORBIDDEN",
        administrator: "allow",
        serviceAccount: "FORBIDDEN",
        readOnlyToken: "allow",
      },
    },
  ],
  "Mutation.createAccessToken": {
    document:
      "mutation ($input: CreateAccessTokenInput!) { createAccessToken(input: $input) { token accessToken { id } } }",
    variables: () => ({ input: { name: "matrix", scope: "READ", expiresAt: "2027-01-01T00:00:00Z" } }),
    expect: {
      anonymous: "UNAUTHENTICATED",
      unverifiedUser: "EMAIL_NOT_VERIFIED",
      verifiedUser: "allow",
      anotherUser: "allow",
      disabledUser: "UNAUTHENTICATED",
      approver: "allow",
      administrator: "allow",
      serviceAccount: "FORBIDDEN",
      readOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },
  "Mutation.revokeAccessToken": {
    case: "a token of the verified user",
    document:
      "mutation ($id: ID!) { revokeAccessToken(input: { id: $id }) { accessToken { id revokedAt } } }",
    variables: (fixtures) => ({ id: fixtures.tokens.write.id }),
    expect: {
      anonymous: "UNAUTHENTICATED",
      unverifiedUser: "FORBIDDEN",
      verifiedUser: "allow",
      anotherUser: "FORBIDDEN",
      disabledUser: "UNAUTHENTICATED",
      approver: "FORBIDDEN",
      administrator: "allow",
      serviceAccount: "FORBIDDEN",
      readOnlyToken: "INSUFFICIENT_SCOPE",
    },
  },
};
