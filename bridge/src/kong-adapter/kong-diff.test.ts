import { describe, expect, it } from "vitest";
import {
  keyConsumer,
  oauthConsumer,
  sampleApi,
  sampleConfiguration,
  sampleOAuthApi,
} from "./kong-adapter.fixture.js";
import { diffKongState, formatOperation, summarize } from "./kong-diff.js";
import { mapDesiredState, upstreamFields } from "./kong-mapping.js";
import { KongNaming } from "./kong-naming.js";
import type { ActualKongObject, KongObject } from "./kong-objects.js";

const naming = new KongNaming("acme");
const now = new Date("2026-05-01T08:00:00Z");
let nextId = 0;

/** What Kong would hold after applying `objects`: the same fields plus Kong's defaults, in its own order. */
function asKong(objects: readonly KongObject[]): ActualKongObject[] {
  return objects.map((object) => ({
    ...object,
    id: `id-${nextId++}`,
    owner: {},
    fields: {
      created_at: 1700000000,
      ...object.fields,
      ...(Array.isArray(object.fields.tags) ? { tags: [...(object.fields.tags as string[])].reverse() } : {}),
      ...(object.kind === "plugin"
        ? {
            config: { ...(object.fields.config as object), some_default: true },
            protocols: ["http", "https"],
          }
        : {}),
    },
  }));
}

const config = sampleConfiguration([sampleApi("orders"), sampleOAuthApi("payments")]);
const consumers = [
  keyConsumer("sub-1", "shop", "orders", [{ key: "key-one" }]),
  oauthConsumer("sub-2", "shop", "payments", ["https://shop.example/cb"]),
];
const desired = mapDesiredState(config, consumers, naming, now);

describe("mapping the desired state", () => {
  it("gives each API a service, routes, auth, acl and own plugins, and each subscription a consumer", () => {
    expect(desired.map((o) => `${o.kind} ${o.key}`)).toEqual([
      "service acme.orders",
      "route acme.orders.0",
      "plugin acme.orders.key-auth",
      "plugin acme.orders.acl",
      "plugin acme.orders.correlation-id",
      "service acme.payments",
      "route acme.payments.0",
      "plugin acme.payments.oauth2",
      "plugin acme.payments.acl",
      "consumer acme.shop.orders",
      "keyauth key-one",
      "acl acme.shop.orders|acme.orders",
      "plugin acme.shop.orders.rate-limiting",
      "consumer acme.shop.payments",
      "oauth2 client-sub-2",
      "acl acme.shop.payments|acme.payments",
      "plugin acme.shop.payments.rate-limiting",
    ]);
    const consumer = desired.find((o) => o.key === "acme.shop.orders")!;
    expect(consumer.fields).toEqual({
      username: "acme.shop.orders",
      custom_id: "sub-1",
      tags: ["api-portal", "api-portal:acme"],
    });
    const rateLimit = desired.find((o) => o.key === "acme.shop.orders.rate-limiting")!;
    expect(rateLimit.refs).toEqual({ service: "acme.orders", consumer: "acme.shop.orders" });
    const oauth = desired.find((o) => o.kind === "oauth2")!;
    expect(oauth.fields).toMatchObject({
      redirect_uris: ["https://shop.example/cb"],
      client_secret: "secret-sub-2",
      client_type: "confidential",
    });
    const keyAuth = desired.find((o) => o.key === "acme.orders.key-auth")!;
    expect(keyAuth.fields.config).toEqual({ key_names: ["X-ApiKey"], hide_credentials: true });
    expect(desired.find((o) => o.key === "acme.orders.acl")!.fields.config).toEqual({
      allow: ["acme.orders"],
      hide_groups_header: true,
    });
  });

  it("reads Kong's service fields from the upstream URL as Kong does", () => {
    expect(upstreamFields("http://orders.internal:8080/v1")).toEqual({
      protocol: "http",
      host: "orders.internal",
      port: 8080,
      path: "/v1",
    });
    expect(upstreamFields("https://pay.example")).toEqual({
      protocol: "https",
      host: "pay.example",
      port: 443,
      path: null,
    });
    expect(upstreamFields("http://pay.example/")).toEqual({
      protocol: "http",
      host: "pay.example",
      port: 80,
      path: "/",
    });
  });

  it("leaves out expired credentials and consumers of APIs without authentication or configuration", () => {
    const rotated = keyConsumer("sub-9", "shop", "orders", [
      { key: "old", expiresAt: "2026-05-01T07:59:59Z" },
      { key: "still-valid", expiresAt: "2026-05-01T09:00:00Z" },
      { key: "new" },
    ]);
    const open = sampleApi("open", { auth: { ...sampleApi("open").auth, type: "NONE" } });
    const objects = mapDesiredState(
      sampleConfiguration([sampleApi("orders"), open]),
      [
        rotated,
        keyConsumer("sub-8", "shop", "open", [{ key: "x" }]),
        keyConsumer("sub-7", "shop", "removed-api", [{ key: "y" }]),
      ],
      naming,
      now,
    );
    expect(objects.filter((o) => o.kind === "keyauth").map((o) => o.key)).toEqual(["still-valid", "new"]);
    expect(objects.filter((o) => o.kind === "consumer").map((o) => o.key)).toEqual(["acme.shop.orders"]);
    expect(objects.filter((o) => o.key.startsWith("acme.open.")).map((o) => o.key)).toEqual([
      "acme.open.0",
      "acme.open.correlation-id",
    ]);
  });
});

describe("the diff", () => {
  it("creates everything, parents first, into an empty Kong", () => {
    const operations = diffKongState(desired, []);
    expect(summarize(operations)).toEqual({ create: desired.length, update: 0, delete: 0 });
    const kinds = operations.map((o) => o.object.kind);
    expect(kinds.indexOf("route")).toBeGreaterThan(kinds.lastIndexOf("service"));
    expect(kinds.indexOf("consumer")).toBeGreaterThan(kinds.lastIndexOf("route"));
    expect(kinds.indexOf("plugin")).toBeGreaterThan(kinds.lastIndexOf("consumer"));
    expect(kinds.indexOf("keyauth")).toBeGreaterThan(kinds.lastIndexOf("plugin"));
  });

  it("finds nothing to do when Kong holds the same objects with its own defaults and tag order", () => {
    expect(diffKongState(desired, asKong(desired))).toEqual([]);
  });

  it("updates only what changed, in place", () => {
    const actual = asKong(desired);
    const changedConfig = sampleConfiguration([
      sampleApi("orders", { upstream: { ...sampleApi("orders").upstream, retries: 5 } }),
      sampleOAuthApi("payments"),
    ]);
    const moved = [
      consumers[0]!,
      oauthConsumer("sub-2", "shop", "payments", ["https://shop.example/new-cb"]),
    ];
    const operations = diffKongState(mapDesiredState(changedConfig, moved, naming, now), actual);
    expect(operations.map(formatOperation)).toEqual([
      "~ service acme.orders (retries)",
      "~ oauth2 client-sub-2 (redirect_uris)",
    ]);
    const update = operations[1]!;
    expect(update.action === "update" && update.actual.id).toBe(actual.find((o) => o.kind === "oauth2")!.id);
  });

  it("during a rotation adds the new key before anything else goes, and later removes only the old key", () => {
    const before = asKong(desired);
    const rotating = mapDesiredState(
      config,
      [
        keyConsumer("sub-1", "shop", "orders", [
          { key: "key-one", expiresAt: "2026-05-02T00:00:00Z" },
          { key: "key-two" },
        ]),
        consumers[1]!,
      ],
      naming,
      now,
    );
    expect(diffKongState(rotating, before).map(formatOperation)).toEqual(["+ keyauth key-tw…"]);
    const after = mapDesiredState(
      config,
      [
        keyConsumer("sub-1", "shop", "orders", [
          { key: "key-one", expiresAt: "2026-05-02T00:00:00Z" },
          { key: "key-two" },
        ]),
        consumers[1]!,
      ],
      naming,
      new Date("2026-05-02T00:00:00Z"),
    );
    expect(diffKongState(after, asKong(rotating)).map(formatOperation)).toEqual(["- keyauth key-on…"]);
  });

  it("deletes a consumer alone (Kong cascades its credentials and plugins), and routes before their service", () => {
    const actual = asKong(desired);
    const withoutOrders = mapDesiredState(
      sampleConfiguration([sampleOAuthApi("payments")]),
      [consumers[1]!],
      naming,
      now,
    );
    expect(diffKongState(withoutOrders, actual).map(formatOperation)).toEqual([
      "- route acme.orders.0",
      "- consumer acme.shop.orders",
      "- service acme.orders",
    ]);
  });

  it("deletes a plugin dropped from a plan, and recreates what someone deleted in Kong", () => {
    const actual = asKong(desired).filter((o) => o.key !== "acme.shop.payments");
    const noPlugins = { ...config, plans: [{ id: "basic", name: "Basic", plugins: [] }] };
    const operations = diffKongState(mapDesiredState(noPlugins, consumers, naming, now), actual);
    expect(operations.map(formatOperation)).toEqual([
      "+ consumer acme.shop.payments",
      "- plugin acme.shop.orders.rate-limiting",
      "- plugin acme.shop.payments.rate-limiting",
    ]);
  });

  it("moves an object to its right parent when it hangs on another one", () => {
    const actual = asKong(desired).map((o) =>
      o.key === "acme.orders.0" ? { ...o, refs: { service: "acme.payments" } } : o,
    );
    expect(diffKongState(desired, actual).map(formatOperation)).toEqual(["~ route acme.orders.0 (service)"]);
  });
});
