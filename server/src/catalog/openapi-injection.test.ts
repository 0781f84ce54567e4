import { describe, expect, it } from "vitest";
import { testStaticConfig } from "../authorization/caller-fixtures.js";
import { deepFreeze } from "../static-config/deep-freeze.js";
import { findApi, type Api, type DeepReadonly } from "../static-config/static-config.js";
import { gatewayEndpoints } from "./gateway-endpoints.js";
import { injectPortalSecurity } from "./openapi-injection.js";

const config = await testStaticConfig();
const gateway = "https://api.acme.example";

function sampleApi(id: string): Api {
  const api = findApi(config, id);
  if (!api) throw new Error(`no API ${id} in the sample`);
  return api;
}

function sampleDocument(api: Api): DeepReadonly<Record<string, unknown>> {
  if (api.openapi?.kind !== "document") throw new Error(`${api.id} has no document`);
  return api.openapi.document;
}

/** The sample document of an API with the portal's security for the gateway `https://api.acme.example`. */
function injected(id: string): Record<string, unknown> {
  const api = sampleApi(id);
  return injectPortalSecurity(sampleDocument(api), api, gatewayEndpoints(gateway, api));
}

type Operation = { security?: unknown };
const operation = (document: Record<string, unknown>, path: string, method: string): Operation =>
  (document.paths as Record<string, Record<string, Operation>>)[path]?.[method] ?? {};

/** A Swagger 2 document for an API of the sample, with its own (wrong) security. */
const swagger2 = deepFreeze({
  swagger: "2.0",
  info: { title: "Legacy", version: "1" },
  host: "legacy.acme.internal:8080",
  basePath: "/legacy",
  schemes: ["http"],
  securityDefinitions: { basic: { type: "basic" } },
  security: [{ basic: [] }],
  paths: {
    "/things": {
      get: { security: [{ basic: [] }], responses: { 200: { description: "ok" } } },
      post: { security: [{ oauth2: ["payments:write"] }], responses: { 201: { description: "ok" } } },
    },
  },
});

describe("OpenAPI 3 with the portal's security", () => {
  it("key-auth: the gateway as server, an apiKey header scheme required globally", () => {
    const document = injected("orders");
    expect(document.servers).toEqual([{ url: "https://api.acme.example/orders/v2" }]);
    expect(document.components).toMatchObject({
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-ApiKey" } },
      schemas: { Order: expect.any(Object) as unknown },
    });
    expect(Object.keys((document.components as { securitySchemes: object }).securitySchemes)).toEqual([
      "apiKey",
    ]);
    expect(document.security).toEqual([{ apiKey: [] }]);
    expect(document.paths).toEqual(sampleDocument(sampleApi("orders")).paths);
  });

  it("key-auth: uses the configured header name", () => {
    const api = {
      ...sampleApi("orders"),
      auth: { type: "key-auth", headerName: "X-Acme-Key", hideCredentials: true },
    };
    const document = injectPortalSecurity(
      sampleDocument(api as Api),
      api as Api,
      gatewayEndpoints(gateway, api as Api),
    );
    expect(document.components).toMatchObject({
      securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X-Acme-Key" } },
    });
  });

  it("oauth2: client credentials and authorization code at Kong's endpoints on the route, with the API's scopes", () => {
    const document = injected("payments");
    expect(document.servers).toEqual([{ url: "https://api.acme.example/payments/v1" }]);
    const scopes = {
      "payments:read": "See payments and refunds",
      "payments:write": "Take payments",
      "refunds:write": "Refund payments",
    };
    expect((document.components as { securitySchemes: unknown }).securitySchemes).toEqual({
      oauth2: {
        type: "oauth2",
        flows: {
          clientCredentials: { tokenUrl: "https://api.acme.example/payments/v1/oauth2/token", scopes },
          authorizationCode: {
            authorizationUrl: "https://api.acme.example/payments/v1/oauth2/authorize",
            tokenUrl: "https://api.acme.example/payments/v1/oauth2/token",
            refreshUrl: "https://api.acme.example/payments/v1/oauth2/token",
            scopes,
          },
        },
      },
    });
    expect(document.security).toEqual([{ oauth2: [] }]);
    // operation-level scope requirements on the portal's scheme stay
    expect(operation(document, "/payments", "post").security).toEqual([{ oauth2: ["payments:write"] }]);
    expect(JSON.stringify(document)).not.toContain("localhost:3000");
  });

  it("oauth2: client credentials only when the API does not enable the authorization code flow", () => {
    const document = injected("logistics");
    expect((document.components as { securitySchemes: unknown }).securitySchemes).toEqual({
      oauth2: {
        type: "oauth2",
        flows: {
          clientCredentials: {
            tokenUrl: "https://api.acme.example/logistics/v1/oauth2/token",
            scopes: {
              "shipments:read": "See shipments handed over to you",
              "tracking:write": "Report tracking events",
            },
          },
        },
      },
    });
  });

  it("none: no schemes and no security requirements, the gateway as server", () => {
    const api = sampleApi("catalog");
    const withSecurity = deepFreeze({
      ...structuredClone(sampleDocument(api) as Record<string, unknown>),
      security: [{ apiKey: [] }],
      components: { securitySchemes: { apiKey: { type: "apiKey", in: "header", name: "X" } } },
      paths: { "/products": { get: { security: [{ apiKey: [] }], responses: {} } } },
    });
    const document = injectPortalSecurity(withSecurity, api, gatewayEndpoints(gateway, api));
    expect(document.servers).toEqual([{ url: "https://api.acme.example/catalog/v1" }]);
    expect(document).not.toHaveProperty("security");
    expect(document).not.toHaveProperty("components");
    expect(operation(document, "/products", "get")).not.toHaveProperty("security");
    expect(injected("catalog").components).toMatchObject({
      schemas: { Product: expect.any(Object) as unknown },
    });
  });

  it("drops operation requirements on schemes the portal does not offer, and public overrides", () => {
    const api = sampleApi("orders");
    const document = injectPortalSecurity(
      deepFreeze({
        openapi: "3.0.3",
        info: { title: "x", version: "1" },
        paths: {
          "/a": {
            get: { security: [{ basicAuth: [] }], responses: {} },
            put: { security: [], responses: {} },
            post: { security: [{ apiKey: [] }, { basicAuth: [] }], responses: {} },
            parameters: [],
          },
        },
      }),
      api,
      gatewayEndpoints(gateway, api),
    );
    expect(operation(document, "/a", "get")).not.toHaveProperty("security");
    expect(operation(document, "/a", "put")).not.toHaveProperty("security");
    expect(operation(document, "/a", "post").security).toEqual([{ apiKey: [] }]);
  });

  it("never changes the configuration's document", () => {
    const api = sampleApi("payments");
    const before = JSON.stringify(sampleDocument(api));
    expect(Object.isFrozen(sampleDocument(api))).toBe(true);
    const first = injected("payments");
    first.servers = [];
    expect(JSON.stringify(sampleDocument(api))).toBe(before);
    expect(injected("payments").servers).toEqual([{ url: "https://api.acme.example/payments/v1" }]);
  });
});

describe("Swagger 2 with the portal's security", () => {
  it("key-auth: host, basePath and schemes of the gateway, an apiKey definition", () => {
    const api = sampleApi("orders");
    const document = injectPortalSecurity(
      swagger2,
      api,
      gatewayEndpoints("http://gw.acme.example:8000/base", api),
    );
    expect(document).toMatchObject({
      host: "gw.acme.example:8000",
      basePath: "/base/orders/v2",
      schemes: ["http"],
      securityDefinitions: { apiKey: { type: "apiKey", in: "header", name: "X-ApiKey" } },
      security: [{ apiKey: [] }],
    });
    expect(Object.keys(document.securityDefinitions as object)).toEqual(["apiKey"]);
    expect(operation(document, "/things", "get")).not.toHaveProperty("security");
    expect(swagger2.host).toBe("legacy.acme.internal:8080");
  });

  it("oauth2: one definition per flow, either satisfies the global requirement", () => {
    const api = sampleApi("payments");
    const document = injectPortalSecurity(swagger2, api, gatewayEndpoints(gateway, api));
    expect(document).toMatchObject({
      host: "api.acme.example",
      basePath: "/payments/v1",
      schemes: ["https"],
    });
    expect(document.securityDefinitions).toEqual({
      oauth2: {
        type: "oauth2",
        flow: "application",
        tokenUrl: "https://api.acme.example/payments/v1/oauth2/token",
        scopes: expect.objectContaining({ "payments:write": "Take payments" }) as unknown,
      },
      oauth2AuthorizationCode: {
        type: "oauth2",
        flow: "accessCode",
        authorizationUrl: "https://api.acme.example/payments/v1/oauth2/authorize",
        tokenUrl: "https://api.acme.example/payments/v1/oauth2/token",
        scopes: expect.objectContaining({ "refunds:write": "Refund payments" }) as unknown,
      },
    });
    expect(document.security).toEqual([{ oauth2: [] }, { oauth2AuthorizationCode: [] }]);
    expect(operation(document, "/things", "post").security).toEqual([{ oauth2: ["payments:write"] }]);
  });

  it("none: no definitions, no requirements", () => {
    const api = sampleApi("catalog");
    const document = injectPortalSecurity(swagger2, api, gatewayEndpoints(gateway, api));
    expect(document).toMatchObject({ host: "api.acme.example", basePath: "/catalog/v1", schemes: ["https"] });
    expect(document).not.toHaveProperty("securityDefinitions");
    expect(document).not.toHaveProperty("security");
    expect(operation(document, "/things", "get")).not.toHaveProperty("security");
  });
});

describe("gateway endpoints", () => {
  it("joins the gateway URL and the first route path without doubled or trailing slashes", () => {
    const api = sampleApi("orders");
    const withRoute = (path: string) =>
      ({ ...api, routes: [{ ...api.routes[0], paths: [path] }] }) as unknown as Api;
    expect(gatewayEndpoints(gateway, withRoute("/orders/v2/")).baseUrl).toBe(
      "https://api.acme.example/orders/v2",
    );
    expect(gatewayEndpoints(gateway, withRoute("/"))).toEqual({
      baseUrl: "https://api.acme.example",
      tokenUrl: "https://api.acme.example/oauth2/token",
      authorizationUrl: "https://api.acme.example/oauth2/authorize",
    });
  });
});
