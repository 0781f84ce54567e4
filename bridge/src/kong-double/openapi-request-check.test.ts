import { beforeAll, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import { startKongDouble } from "./kong-double.js";
import { OpenApiRequestCheck } from "./openapi-request-check.js";

const SUB = "3f1e9a52-7c4b-4d8e-9f0a-1b2c3d4e5f60";

/** Requests an adapter following CONTRACT.md §15.1 sends (upserts by stable names, tagged). */
const ADAPTER_REQUESTS: readonly [string, string, unknown?][] = [
  ["GET", "/"],
  ["GET", "/services?tags=portal-managed,install-1&size=1000"],
  [
    "PUT",
    "/services/orders",
    {
      protocol: "http",
      host: "orders.internal",
      port: 8080,
      path: "/v1",
      retries: 5,
      connect_timeout: 60000,
      read_timeout: 60000,
      write_timeout: 60000,
      tags: ["portal-managed", "install-1"],
    },
  ],
  ["PUT", "/services/billing", { url: "https://billing.internal", tags: ["portal-managed"] }],
  [
    "PUT",
    "/routes/orders-0",
    {
      service: { name: "orders" },
      paths: ["/orders"],
      hosts: ["api.example.com"],
      methods: ["GET", "POST"],
      protocols: ["http", "https"],
      strip_path: true,
      preserve_host: false,
      tags: ["portal-managed"],
    },
  ],
  [
    "PUT",
    "/plugins/orders-key-auth",
    {
      name: "key-auth",
      service: { name: "orders" },
      config: { key_names: ["X-ApiKey"], hide_credentials: true },
    },
  ],
  [
    "PUT",
    "/plugins/orders-acl",
    { name: "acl", service: { name: "orders" }, config: { allow: ["orders"] }, tags: ["portal-managed"] },
  ],
  ["PUT", `/consumers/app1$orders`, { custom_id: SUB, tags: ["portal-managed"] }],
  ["PUT", `/consumers/app1$orders/key-auth/7f3c0001`, { tags: ["portal-managed"] }],
  ["PUT", `/consumers/app1$orders/acls/orders`, { tags: ["portal-managed"] }],
  [
    "PUT",
    `/consumers/app1$orders/oauth2/client-1`,
    {
      name: "app1",
      client_secret: "s3cret",
      redirect_uris: ["https://app.example/cb"],
      tags: ["portal-managed"],
    },
  ],
  ["PATCH", `/consumers/app1$orders/oauth2/client-1`, { redirect_uris: ["https://app.example/cb2"] }],
  [
    "PUT",
    `/plugins/rl-${SUB}`,
    {
      name: "rate-limiting",
      service: { name: "orders" },
      consumer: { username: "app1$orders" },
      config: { minute: 100 },
    },
  ],
  ["GET", "/consumers?tags=portal-managed&size=1000"],
  ["GET", "/key-auths?tags=portal-managed"],
  ["GET", "/acls?tags=portal-managed"],
  ["GET", "/oauth2?tags=portal-managed"],
  ["GET", "/plugins?tags=portal-managed"],
  ["GET", "/routes?tags=portal-managed"],
  ["GET", `/consumers/app1$orders/key-auth`],
  ["DELETE", `/consumers/app1$orders/key-auth/7f3c0001`],
  ["DELETE", `/plugins/rl-${SUB}`],
  ["DELETE", `/consumers/app1$orders`],
  ["DELETE", "/routes/orders-0"],
  ["DELETE", "/services/orders"],
];

describe("OpenAPI request check (issue 6: every adapter request is checked against the OpenAPI documents)", () => {
  let check: OpenApiRequestCheck;
  beforeAll(async () => {
    check = await OpenApiRequestCheck.load();
  });

  it("§15.1 accepts the requests of a reconcile that follows the contract", () => {
    for (const [method, path, body] of ADAPTER_REQUESTS) {
      const [pathOnly] = path.split("?");
      expect(check.check({ method, path: pathOnly!, body }), `${method} ${path}`).toEqual([]);
    }
  });

  it("§0.1 reports a path the documents do not have and a method a path does not have", () => {
    expect(check.check({ method: "GET", path: "/apis", body: undefined })).toEqual([
      { method: "GET", path: "/apis", message: "no documented path matches" },
    ]);
    expect(check.check({ method: "DELETE", path: "/consumers", body: undefined })[0]?.message).toBe(
      "method DELETE is not documented for this path",
    );
  });

  it("§14 reports bodies against the documented schemas: 2.x-era fields and wrong types", () => {
    const keyAuth = check.check({
      method: "POST",
      path: "/consumers/a/key-auth",
      body: { key: "k", consumer_id: "x" },
    });
    expect(keyAuth).toHaveLength(1);
    expect(keyAuth[0]!.message).toContain("must NOT have additional properties (consumer_id)");
    const acl = check.check({ method: "POST", path: "/consumers/a/acls", body: { group: 5 } });
    expect(acl[0]!.message).toContain("body/group must be string");
    const consumer = check.check({ method: "POST", path: "/consumers", body: { tags: ["x"] } });
    expect(consumer[0]).toMatchObject({ operation: "POST /consumers" });
    const plugin = check.check({
      method: "POST",
      path: "/plugins",
      body: { name: "rate-limiting", service: "orders" },
    });
    expect(plugin[0]!.message).toContain("body/service must be object");
  });

  it("§4.1 null is accepted for fields that are not required (unset / clear)", () => {
    expect(
      check.check({
        method: "PUT",
        path: "/routes/r",
        body: { paths: ["/x"], hosts: null, methods: null, tags: null },
      }),
    ).toEqual([]);
    expect(check.check({ method: "PATCH", path: "/consumers/c", body: { custom_id: null } })).toEqual([]);
  });

  it("§4.1 a PUT body may leave out the key that the URL supplies", () => {
    expect(check.check({ method: "PUT", path: "/consumers/a/acls/orders", body: {} })).toEqual([]);
    expect(check.check({ method: "POST", path: "/consumers/a/acls", body: {} })[0]!.message).toContain(
      "must have required property 'group'",
    );
  });

  it("the double records violations of the requests it receives when checkRequests is on", async () => {
    const kong = await startKongDouble({ checkRequests: true });
    try {
      for (const [method, path, body] of ADAPTER_REQUESTS) {
        const answer = await adminCall(kong.url, method, path, body);
        expect(answer.status, `${method} ${path}: ${answer.text}`).toBeLessThan(300);
      }
      expect(kong.openApiViolations).toEqual([]);
      await adminCall(kong.url, "POST", "/consumers/x/key-auth", { key: "k", consumer_id: "x" });
      expect(kong.openApiViolations).toEqual([
        expect.objectContaining({ method: "POST", path: "/consumers/x/key-auth" }) as unknown,
      ]);
    } finally {
      await kong.close();
    }
  });
});
