import type { AuthorizationRows } from "../authorization/authorization-matrix.js";
import { everyoneMayAsk } from "../catalog/catalog.authorization.js";

/** Content pages and the site map are public; restricted pages answer NOT_FOUND (counted as allowed). */
export const authorizationRows: AuthorizationRows = {
  "Query.contentPages": {
    document: "query { contentPages { id title order path } }",
    expect: everyoneMayAsk,
  },
  "Query.contentPage": [
    {
      case: "a public page",
      document: `query { contentPage(id: "contact") { id title html } }`,
      expect: everyoneMayAsk,
    },
    {
      case: "a page of the partners group (NOT_FOUND for non-members)",
      document: `query { contentPage(id: "partners/onboarding") { id title html } }`,
      expect: everyoneMayAsk,
    },
  ],
  "Query.siteMap": {
    document: "query { siteMap { kind title path } }",
    expect: everyoneMayAsk,
  },
};
