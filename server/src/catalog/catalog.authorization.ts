import type { AuthorizationRows, Expectation } from "../authorization/authorization-matrix.js";
import type { CallerKind } from "../authorization/caller-fixtures.js";

/**
 * The catalog is public: every caller may ask, and what each one sees is filtered by the catalog policy (hidden
 * APIs answer NOT_FOUND, which the matrix counts as allowed). Only a credential that no longer works is refused.
 */
export const everyoneMayAsk: Readonly<Record<CallerKind, Expectation>> = {
  anonymous: "allow",
  unverifiedUser: "allow",
  verifiedUser: "allow",
  anotherUser: "allow",
  disabledUser: "UNAUTHENTICATED",
  approver: "allow",
  administrator: "allow",
  serviceAccount: "allow",
  readOnlyToken: "allow",
};

export const authorizationRows: AuthorizationRows = {
  "Query.apis": {
    document: `query { apis(first: 10, filter: { search: "api", includeDeprecated: true }) {
      totalCount edges { cursor node { id name subscribable descriptionHtml plans { id limits } openApiDocument } }
    } }`,
    expect: everyoneMayAsk,
  },
  "Query.api": [
    {
      case: "a public API",
      document: `query { api(id: "orders") { id detailsVisible plans { id } openApiDocument } }`,
      expect: everyoneMayAsk,
    },
    {
      case: "a partner API (listed for everyone)",
      document: `query { api(id: "logistics") { id detailsVisible descriptionHtml oauth2 { tokenUrl } } }`,
      expect: everyoneMayAsk,
    },
    {
      case: "an API of the internal group (NOT_FOUND for non-members)",
      document: `query { api(id: "inventory-v1") { id deprecated openApiUrl } }`,
      expect: everyoneMayAsk,
    },
  ],
  "Query.apiTags": {
    document: "query { apiTags { tag count } }",
    expect: everyoneMayAsk,
  },
};
