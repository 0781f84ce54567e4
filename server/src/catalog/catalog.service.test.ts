import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { testStaticConfig } from "../authorization/caller-fixtures.js";
import { ErrorCode } from "../errors/error-code.js";
import { pageRequest } from "../graphql/connection.js";
import { codeOf, domainErrorOf } from "../users/account.fixtures.js";
import { catalogIndexFor } from "./catalog-index.js";
import { CatalogService } from "./catalog.service.js";
import type { ApiFilter } from "./catalog.types.js";
import {
  describeView as seen,
  expectedCatalog as expected,
  viewerActor,
  viewerKinds,
  type ViewerKind,
} from "./catalog-viewers.fixture.js";

const config = await testStaticConfig();
const catalog = new CatalogService({ config });

function list(kind: ViewerKind, filter: ApiFilter | null = null, first = 100, after: string | null = null) {
  return catalog.listApis(viewerActor(kind), filter, pageRequest({ first, after }));
}

describe("catalog visibility", () => {
  it.each(viewerKinds)("shows %s the APIs, details, plans and subscribability of the matrix", (kind) => {
    const page = list(kind);
    const actual = Object.fromEntries(page.items.map(({ node }) => [node.id, seen(node)]));
    expect(actual).toEqual(expected[kind]);
    expect(Object.keys(actual)).toEqual(Object.keys(expected[kind])); // catalog order
    expect(page.totalCount).toBe(Object.keys(expected[kind]).length);
    for (const id of ["orders", "payments", "logistics", "catalog", "inventory-v1", "no-such-api"]) {
      const view = catalog.findApi(viewerActor(kind), id);
      expect(view ? seen(view) : undefined).toBe(expected[kind][id]);
    }
  });

  it("answers NOT_FOUND for an API the viewer may not see, exactly as for one that does not exist", async () => {
    const hidden = await domainErrorOf(
      Promise.resolve().then(() => catalog.getApi(viewerActor("partner"), "inventory-v1")),
    );
    const missing = await domainErrorOf(
      Promise.resolve().then(() => catalog.getApi(viewerActor("partner"), "inventory-v2")),
    );
    expect(hidden.code).toBe(ErrorCode.NOT_FOUND);
    expect(missing.code).toBe(ErrorCode.NOT_FOUND);
    expect(hidden.message.replace("v1", "v2")).toBe(missing.message);
    expect(catalog.getApi(viewerActor("internal"), "inventory-v1").id).toBe("inventory-v1");
  });

  it("lists a partner API to non-members without any detail", () => {
    const listed = catalog.getApi(viewerActor("developer"), "logistics");
    expect(listed).toEqual({
      id: "logistics",
      name: "Logistics Partner API",
      summary: "Shipment hand-over and tracking updates for Acme's carrier partners.",
      tags: ["logistics", "partners"],
      authMethod: "oauth2",
      deprecated: false,
      partner: true,
      detailsVisible: false,
      subscribable: false,
      descriptionHtml: null,
      plans: [],
      limits: [],
      requestUrl: null,
      apiKeyHeader: null,
      oauth2: null,
      openApiDocument: null,
      openApiUrl: null,
    });
    const member = catalog.getApi(viewerActor("partner"), "logistics");
    expect(member.descriptionHtml).toContain('<h1 id="logistics-partner-api">Logistics Partner API</h1>');
    expect(member.oauth2).toEqual({
      flows: ["client_credentials"],
      scopes: [
        { id: "shipments:read", description: "See shipments handed over to you" },
        { id: "tracking:write", description: "Report tracking events" },
      ],
      tokenUrl: "http://localhost:8000/logistics/v1/oauth2/token",
      authorizationUrl: null,
    });
    expect(member.openApiDocument).toMatchObject({
      servers: [{ url: "http://localhost:8000/logistics/v1" }],
    });
  });

  it("keeps deprecated APIs visible and flagged, never subscribable, and publishes a URL document by URL only", () => {
    for (const kind of ["internal", "admin"] as const) {
      const inventory = catalog.getApi(viewerActor(kind), "inventory-v1");
      expect(inventory).toMatchObject({ deprecated: true, subscribable: false, detailsVisible: true });
      expect(inventory.openApiUrl).toBe("https://inventory.acme.example/v1/openapi.json");
      expect(inventory.openApiDocument).toBeNull();
      expect(inventory.apiKeyHeader).toBe("X-ApiKey");
    }
  });

  it("describes plans: rendered description, approval, limits", () => {
    const orders = catalog.getApi(viewerActor("admin"), "orders");
    expect(orders.plans.map((plan) => [plan.id, plan.needsApproval, plan.limits])).toEqual([
      ["free", false, ["60 requests per minute"]],
      ["basic", false, ["600 requests per minute"]],
      ["premium", true, ["6,000 requests per minute", "1,000,000 requests per day"]],
      ["internal", false, []],
    ]);
    expect(orders.plans[0]?.descriptionHtml).toBe(
      "<p>For trying things out: <strong>60 requests per minute</strong>, no approval needed.</p>\n",
    );
    expect(catalog.getApi(viewerActor("anonymous"), "catalog").limits).toEqual([
      "120 requests per minute per IP address",
    ]);
  });

  it("shares one immutable view per kind of viewer", () => {
    const first = catalog.getApi(viewerActor("partner"), "orders");
    expect(new CatalogService({ config }).getApi(viewerActor("partner"), "orders")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.plans[0])).toBe(true);
    expect(catalogIndexFor(config)).toBe(catalogIndexFor(config));
  });
});

describe("catalog search and tag filter", () => {
  const ids = (kind: ViewerKind, filter: ApiFilter) => list(kind, filter).items.map(({ node }) => node.id);

  it("searches name, summary, tags and description, case-insensitively, all words", () => {
    expect(ids("anonymous", { search: "CANCEL" })).toEqual(["orders"]);
    expect(ids("anonymous", { search: "Orders" })).toEqual(["orders", "payments"]);
    expect(ids("internal", { search: "orders" })).toEqual(["inventory-v1", "orders", "payments"]);
    expect(ids("anonymous", { search: "commerce" })).toEqual(["orders", "payments", "catalog"]); // tag
    expect(ids("anonymous", { search: "idempotency" })).toEqual(["payments"]); // description
    expect(ids("anonymous", { search: "  refund   PAYMENTS " })).toEqual(["payments"]);
    expect(ids("anonymous", { search: "payments nonsense" })).toEqual([]);
    expect(ids("anonymous", { search: "" })).toHaveLength(4);
  });

  it("does not search the hidden description of a partner API", () => {
    expect(ids("developer", { search: "carrier" })).toEqual(["logistics"]); // in the summary
    expect(ids("developer", { search: "picked-up" })).toEqual([]); // only in the description
    expect(ids("partner", { search: "picked-up" })).toEqual(["logistics"]);
  });

  it("filters by tag, case-insensitively, and leaves out deprecated APIs on request", () => {
    expect(ids("anonymous", { tag: "Commerce" })).toEqual(["orders", "payments", "catalog"]);
    expect(ids("anonymous", { tag: "warehouse" })).toEqual([]);
    expect(ids("internal", { tag: "warehouse" })).toEqual(["inventory-v1"]);
    expect(ids("internal", { tag: "warehouse", includeDeprecated: false })).toEqual([]);
    expect(ids("admin", { includeDeprecated: false })).not.toContain("inventory-v1");
    expect(ids("admin", { tag: "commerce", search: "card" })).toEqual(["payments"]);
  });

  it("refuses overlong filters with the field named", async () => {
    const error = await domainErrorOf(
      Promise.resolve().then(() => list("anonymous", { search: "x".repeat(201) })),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details.fields?.[0]?.field).toBe("filter.search");
  });

  it("counts the tags of the visible APIs", () => {
    const tags = (kind: ViewerKind) =>
      Object.fromEntries(catalog.apiTags(viewerActor(kind)).map((t) => [t.tag, t.count]));
    expect(tags("anonymous")).toEqual({
      commerce: 3,
      logistics: 1,
      orders: 1,
      partners: 1,
      payments: 1,
      public: 1,
    });
    expect(tags("internal")).toMatchObject({ internal: 1, warehouse: 1, commerce: 3 });
    expect(Object.keys(tags("admin"))).toEqual([
      "commerce",
      "internal",
      "logistics",
      "orders",
      "partners",
      "payments",
      "public",
      "warehouse",
    ]);
  });
});

describe("catalog pagination", () => {
  it("pages through the catalog in a stable order with cursors", () => {
    const seenIds: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page = list("admin", null, 2, after);
      expect(page.totalCount).toBe(5);
      seenIds.push(...page.items.map(({ node }) => node.id));
      pages++;
      if (!page.hasNextPage) break;
      after = page.items.at(-1)?.cursor ?? null;
    }
    expect(pages).toBe(3);
    expect(seenIds).toEqual(["inventory-v1", "logistics", "orders", "payments", "catalog"]);
  });

  it("pages through a filtered list, and a cursor works across viewers", () => {
    const first = list("admin", { tag: "commerce" }, 1);
    expect(first.items.map(({ node }) => node.id)).toEqual(["orders"]);
    expect(first.hasNextPage).toBe(true);
    const rest = list("anonymous", { tag: "commerce" }, 5, first.items[0]?.cursor ?? null);
    expect(rest.items.map(({ node }) => node.id)).toEqual(["payments", "catalog"]);
    expect(rest.hasNextPage).toBe(false);
    expect(rest.totalCount).toBe(3);
  });

  it("refuses cursors that are not catalog cursors", async () => {
    const foreign = Buffer.from(JSON.stringify(["2026-01-01T00:00:00Z", 7])).toString("base64url");
    expect(await codeOf(Promise.resolve().then(() => list("anonymous", null, 10, foreign)))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    expect(await codeOf(Promise.resolve().then(() => list("anonymous", null, 10, "garbage!")))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
  });
});
