import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import type { TestGraphQLClient } from "../testing/graphql-client.js";
import { startPortalTestServer, type PortalTestServer } from "../testing/portal-test-server.js";
import { postgresAvailability } from "../testing/postgres.js";
import {
  describeView,
  expectedCatalog,
  insertViewerUsers,
  viewerKinds,
  type ViewerKind,
} from "./catalog-viewers.fixture.js";

/**
 * The catalog and content over GraphQL as clients use it: the whole portal on an ephemeral port with the sample
 * configuration, one user per viewer kind (authenticating with personal access tokens), a service account.
 */
const serviceToken = "catalog-test-service-token-0123456789abcdef";

const apisQuery = `query ($first: Int, $after: String, $filter: ApiFilterInput) {
  apis(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name detailsVisible subscribable deprecated partner authMethod
      plans { id name needsApproval limits descriptionHtml } } }
  }
}`;
const apiQuery = `query ($id: ID!) {
  api(id: $id) { id name summary tags authMethod deprecated partner detailsVisible subscribable descriptionHtml
    plans { id } limits requestUrl apiKeyHeader oauth2 { flows tokenUrl authorizationUrl scopes { id description } }
    openApiDocument openApiUrl }
}`;

interface ApiNode {
  id: string;
  detailsVisible: boolean;
  subscribable: boolean;
  plans: { id: string }[];
}
interface ApisData {
  apis: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: ApiNode }[];
  };
}
interface ApiData {
  api: ApiNode & {
    descriptionHtml: string | null;
    oauth2: { flows: string[]; tokenUrl: string; authorizationUrl: string | null } | null;
    openApiDocument: Record<string, unknown> | null;
    openApiUrl: string | null;
  };
}

describe("catalog over GraphQL", async () => {
  const postgres = await postgresAvailability();
  for (const backend of backends) {
    describe.skipIf(backend === "postgres" && !postgres.available)(backend, () => {
      let server: PortalTestServer;
      let tokens: Awaited<ReturnType<typeof insertViewerUsers>>;
      const as = (kind: ViewerKind): TestGraphQLClient => {
        if (kind === "anonymous") return server.client();
        if (kind === "service") return server.client({ bearer: serviceToken });
        return server.client({ bearer: tokens[kind] });
      };

      beforeAll(async () => {
        server = await startPortalTestServer({
          backend,
          env: { PORTAL_SERVICE_ACCOUNTS: `bridge:read:${serviceToken}` },
        });
        tokens = await insertViewerUsers(server.portal.database.db, new Date());
      });
      afterAll(async () => {
        await server?.stop();
      });

      it.each(viewerKinds)("shows %s the catalog of the visibility matrix", async (kind) => {
        const data = await as(kind).ok<ApisData>(apisQuery, { first: 50 });
        const actual = Object.fromEntries(data.apis.edges.map(({ node }) => [node.id, describeView(node)]));
        expect(actual).toEqual(expectedCatalog[kind]);
        expect(Object.keys(actual)).toEqual(Object.keys(expectedCatalog[kind]));
        expect(data.apis.totalCount).toBe(Object.keys(expectedCatalog[kind]).length);
      });

      it("answers NOT_FOUND for an API hidden from the caller, details for members", async () => {
        for (const kind of ["anonymous", "developer", "partner", "service"] as const) {
          expect(await as(kind).errorCode(apiQuery, { id: "inventory-v1" })).toBe("NOT_FOUND");
        }
        expect(await as("admin").errorCode(apiQuery, { id: "no-such-api" })).toBe("NOT_FOUND");
        const inventory = await as("internal").ok<ApiData>(apiQuery, { id: "inventory-v1" });
        expect(inventory.api).toMatchObject({
          deprecated: true,
          subscribable: false,
          openApiDocument: null,
          openApiUrl: "https://inventory.acme.example/v1/openapi.json",
        });
      });

      it("lists the partner API to everyone and shows its details to partners", async () => {
        const listed = await as("developer").ok<ApiData>(apiQuery, { id: "logistics" });
        expect(listed.api).toMatchObject({
          partner: true,
          detailsVisible: false,
          descriptionHtml: null,
          plans: [],
          oauth2: null,
          openApiDocument: null,
        });
        const member = await as("partner").ok<ApiData>(apiQuery, { id: "logistics" });
        expect(member.api.descriptionHtml).toContain("<h1");
        expect(member.api.oauth2).toMatchObject({
          flows: ["CLIENT_CREDENTIALS"],
          tokenUrl: "http://localhost:8000/logistics/v1/oauth2/token",
          authorizationUrl: null,
        });
        expect(member.api.openApiDocument).toMatchObject({
          components: {
            securitySchemes: {
              oauth2: {
                flows: { clientCredentials: { tokenUrl: "http://localhost:8000/logistics/v1/oauth2/token" } },
              },
            },
          },
        });
      });

      it("serves OpenAPI documents with the portal's security: key-auth, oauth2, none", async () => {
        const client = as("anonymous");
        const orders = await client.ok<ApiData>(apiQuery, { id: "orders" });
        expect(orders.api.openApiDocument).toMatchObject({
          servers: [{ url: "http://localhost:8000/orders/v2" }],
          components: { securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-ApiKey" } } },
          security: [{ apiKey: [] }],
        });
        const payments = await client.ok<ApiData>(apiQuery, { id: "payments" });
        expect(payments.api.openApiDocument).toMatchObject({
          components: {
            securitySchemes: {
              oauth2: {
                flows: {
                  clientCredentials: { tokenUrl: "http://localhost:8000/payments/v1/oauth2/token" },
                  authorizationCode: {
                    authorizationUrl: "http://localhost:8000/payments/v1/oauth2/authorize",
                  },
                },
              },
            },
          },
          security: [{ oauth2: [] }],
        });
        const catalog = await client.ok<ApiData>(apiQuery, { id: "catalog" });
        expect(catalog.api.openApiDocument).not.toHaveProperty("security");
        expect(catalog.api.openApiDocument).toMatchObject({
          servers: [{ url: "http://localhost:8000/catalog/v1" }],
        });
      });

      it("searches, filters by tag and pages", async () => {
        const client = as("admin");
        const ids = (data: ApisData) => data.apis.edges.map(({ node }) => node.id);
        expect(ids(await client.ok<ApisData>(apisQuery, { filter: { search: "refund" } }))).toEqual([
          "payments",
        ]);
        expect(ids(await client.ok<ApisData>(apisQuery, { filter: { tag: "COMMERCE" } }))).toEqual([
          "orders",
          "payments",
          "catalog",
        ]);
        expect(
          ids(await client.ok<ApisData>(apisQuery, { filter: { includeDeprecated: false } })),
        ).not.toContain("inventory-v1");
        const first = await client.ok<ApisData>(apisQuery, { first: 3 });
        expect(ids(first)).toEqual(["inventory-v1", "logistics", "orders"]);
        expect(first.apis.pageInfo.hasNextPage).toBe(true);
        const second = await client.ok<ApisData>(apisQuery, {
          first: 3,
          after: first.apis.pageInfo.endCursor,
        });
        expect(ids(second)).toEqual(["payments", "catalog"]);
        expect(second.apis.pageInfo.hasNextPage).toBe(false);
        const invalid = await client.request(apisQuery, { after: "not-a-cursor" });
        expect(invalid.errors[0]?.extensions).toMatchObject({
          code: "VALIDATION_FAILED",
          fields: [expect.objectContaining({ field: "after" }) as unknown],
        });
        const tooLong = await client.request(apisQuery, { filter: { search: "x".repeat(201) } });
        expect(tooLong.errors[0]?.extensions).toMatchObject({
          code: "VALIDATION_FAILED",
          fields: [expect.objectContaining({ field: "filter.search" }) as unknown],
        });
      });

      it("counts tags of the visible APIs", async () => {
        const query = "query { apiTags { tag count } }";
        const anonymousTags = await as("anonymous").ok<{ apiTags: { tag: string; count: number }[] }>(query);
        expect(anonymousTags.apiTags.map((t) => t.tag)).not.toContain("warehouse");
        expect(anonymousTags.apiTags).toContainEqual({ tag: "commerce", count: 3 });
        const internalTags = await as("internal").ok<{ apiTags: { tag: string; count: number }[] }>(query);
        expect(internalTags.apiTags).toContainEqual({ tag: "warehouse", count: 1 });
      });

      it("serves content pages and the site map by group", async () => {
        const pages = "query { contentPages { id title order path } }";
        const page = `query ($id: ID!) { contentPage(id: $id) { id title html } }`;
        const siteMap = "query { siteMap { kind title path } }";
        type Pages = { contentPages: { id: string }[] };
        expect((await as("developer").ok<Pages>(pages)).contentPages.map((p) => p.id)).not.toContain(
          "partners/onboarding",
        );
        expect((await as("partner").ok<Pages>(pages)).contentPages.map((p) => p.id)).toContain(
          "partners/onboarding",
        );
        expect(await as("developer").errorCode(page, { id: "partners/onboarding" })).toBe("NOT_FOUND");
        const onboarding = await as("partner").ok<{ contentPage: { html: string } }>(page, {
          id: "partners/onboarding",
        });
        expect(onboarding.contentPage.html).toContain('<h1 id="partner-onboarding">');

        type SiteMap = { siteMap: { kind: string; title: string; path: string }[] };
        const anonymousMap = (await as("anonymous").ok<SiteMap>(siteMap)).siteMap;
        expect(anonymousMap.slice(0, 3)).toEqual([
          { kind: "HOME", title: "Acme API Portal", path: "/" },
          { kind: "CATALOG", title: "APIs", path: "/apis" },
          { kind: "API", title: "Logistics Partner API", path: "/apis/logistics" },
        ]);
        expect(anonymousMap.map((entry) => entry.path)).not.toContain("/apis/inventory-v1");
        const adminMap = (await as("admin").ok<SiteMap>(siteMap)).siteMap;
        expect(adminMap).toContainEqual({
          kind: "API",
          title: "Inventory API v1",
          path: "/apis/inventory-v1",
        });
        expect(adminMap).toContainEqual({
          kind: "CONTENT_PAGE",
          title: "Partner onboarding",
          path: "/content/partners/onboarding",
        });
      });
    });
  }
});
