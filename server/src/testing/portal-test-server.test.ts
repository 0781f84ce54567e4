import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPortalTestServer, type PortalTestServer } from "./portal-test-server.js";

describe("portal test server", () => {
  let server: PortalTestServer;
  beforeAll(async () => {
    server = await startPortalTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it("serves GraphQL with the domain error codes and refuses CSRF-prone GET queries", async () => {
    const data = await server.client().ok<{ errorCodes: { code: string }[] }>("{ errorCodes { code } }");
    expect(data.errorCodes.map((c) => c.code)).toContain("VALIDATION_FAILED");
    const get = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ errorCodes { code } }")}`);
    expect(get.status).toBe(400);
  });

  it("accepts the standard introspection query and refuses deeper or costlier queries", async () => {
    expect((await server.client().request(getIntrospectionQuery())).errors).toEqual([]);
    const limited = await startPortalTestServer({ env: { GRAPHQL_MAX_DEPTH: "3", GRAPHQL_MAX_COST: "50" } });
    try {
      const deep = await limited.client().request("{ auditLog(first: 1) { edges { node { id } } } }");
      expect(deep.errors[0]).toMatchObject({
        message: "Query depth 4 exceeds the limit of 3",
        extensions: { code: "QUERY_TOO_COMPLEX" },
      });
      const costly = await limited
        .client()
        .request(
          "{ a: errorCodes { code } b: errorCodes { code } " +
            "c: errorCodes { code description } ".repeat(20) +
            "}",
        );
      expect(costly.errors[0]?.extensions?.code).toBe("QUERY_TOO_COMPLEX");
    } finally {
      await limited.stop();
    }
  });

  it("names the bad bearer token instead of treating the caller as anonymous", async () => {
    const result = await server.client({ bearer: "pat_unknown" }).request("{ errorCodes { code } }");
    expect(result.status).toBe(401);
    expect(result.errors[0]).toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect(result.errors[0]?.message).toMatch(/access token is unknown/);
  });

  it("answers invalid variables with BAD_REQUEST naming the field, not an internal error", async () => {
    const signIn = "mutation S($input: SignInInput!) { signIn(input: $input) { viewer { id } } }";
    const variables = { input: { email: "a@b.test", password: "x", id: "extra" } };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const result = await server.client().request(signIn, variables);
      expect(result.errors[0]?.extensions?.code).toBe("BAD_REQUEST");
      expect(result.errors[0]?.message).toMatch(/"id"/);
    }
  });
});
