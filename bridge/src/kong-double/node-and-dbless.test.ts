import { afterEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

const DECLARATIVE_YAML = `_format_version: "3.0"
services:
- name: orders
  url: http://orders.internal:8080
  tags: [portal]
  routes:
  - name: orders
    paths: [/orders]
  plugins:
  - name: key-auth
    config: {key_names: [apikey]}
  - name: acl
    config: {allow: [orders]}
consumers:
- username: app1$orders
  custom_id: sub-0001
  keyauth_credentials: [{key: 7f3c0001}]
  acls: [{group: orders}]
plugins:
- name: rate-limiting
  service: orders
  consumer: app1$orders
  config: {minute: 100, policy: local}
`;

describe("Kong double: node endpoints and DB-less mode (CONTRACT.md §10, §11)", () => {
  let kong: KongDouble | undefined;
  afterEach(async () => {
    await kong?.close();
    kong = undefined;
  });

  it("§10 GET / reports the version, edition, available plugins with version and priority, enabled plugins, database", async () => {
    kong = await startKongDouble({ version: "3.8.0" });
    await adminCall(kong.url, "POST", "/plugins", { name: "cors" });
    const root = await adminCall(kong.url, "GET", "/");
    expect(root.status).toBe(200);
    expect(root.body).toMatchObject({ tagline: "Welcome to kong", version: "3.8.0", edition: "community" });
    const plugins = root.body["plugins"] as {
      available_on_server: Record<string, { version: string; priority: number }>;
      enabled_in_cluster: string[];
    };
    for (const name of [
      "key-auth",
      "oauth2",
      "acl",
      "cors",
      "correlation-id",
      "request-size-limiting",
      "rate-limiting",
      "basic-auth",
    ]) {
      expect(plugins.available_on_server[name], name).toMatchObject({ version: "3.8.0" });
    }
    expect(plugins.available_on_server["key-auth"]!.priority).toBe(1250);
    expect(plugins.enabled_in_cluster).toEqual(["cors"]);
    expect(root.body["configuration"]).toMatchObject({ database: "postgres" });
  });

  it("§10 GET /status has database.reachable with a database, configuration_hash and no database when DB-less", async () => {
    kong = await startKongDouble();
    expect((await adminCall(kong.url, "GET", "/status")).body["database"]).toEqual({ reachable: true });
    await kong.close();
    kong = await startKongDouble({ database: "off" });
    const status = await adminCall(kong.url, "GET", "/status");
    expect(status.body).not.toHaveProperty("database");
    expect(status.body["configuration_hash"]).toBe("00000000000000000000000000000000");
    expect((await adminCall(kong.url, "GET", "/")).body["configuration"]).toMatchObject({ database: "off" });
  });

  it("§11 DB-less: entity writes answer 405 code 12; GETs work; DELETE of a missing entity is 204", async () => {
    kong = await startKongDouble({ database: "off" });
    const post = await adminCall(kong.url, "POST", "/routes", { paths: ["/x"] });
    expect(post.status).toBe(405);
    expect(post.body).toEqual({
      code: 12,
      name: "operation unsupported",
      message: "cannot create 'routes' entities when not using a database",
    });
    expect((await adminCall(kong.url, "PUT", "/routes/r", {})).body.message).toBe(
      "cannot create or update 'routes' entities by 'name' when not using a database",
    );
    expect((await adminCall(kong.url, "GET", "/routes")).status).toBe(200);
    expect((await adminCall(kong.url, "DELETE", "/routes/none")).status).toBe(204);
    expect((await adminCall(kong.url, "DELETE", "/routes")).body).toEqual({ message: "Method not allowed" });
  });

  it("§11 POST /config (YAML) replaces the state, answers 201 keyed by type and id, with stable ids on re-post", async () => {
    kong = await startKongDouble({ database: "off" });
    const loaded = await adminCall(kong.url, "POST", "/config", undefined, {
      raw: DECLARATIVE_YAML,
      contentType: "application/yaml",
    });
    expect(loaded.status).toBe(201);
    const services = loaded.body["services"] as Record<string, { name: string; host: string }>;
    expect(Object.values(services)).toEqual([
      expect.objectContaining({ name: "orders", host: "orders.internal" }),
    ]);
    expect(Object.keys(loaded.body["plugins"] as object)).toHaveLength(3);
    expect((await adminCall(kong.url, "GET", "/consumers/app1$orders")).body["custom_id"]).toBe("sub-0001");
    const limit = (await adminCall(kong.url, "GET", "/consumers/app1$orders/plugins")).body.data[0]!;
    expect(limit["service"]).toEqual({ id: Object.keys(services)[0] });
    const again = await adminCall(kong.url, "POST", "/config", { config: DECLARATIVE_YAML });
    expect(Object.keys(again.body["services"] as object)).toEqual(Object.keys(services));
    const unchanged = await adminCall(kong.url, "POST", "/config?check_hash=1", { config: DECLARATIVE_YAML });
    expect(unchanged.status).toBe(304);
    const status = await adminCall(kong.url, "GET", "/status");
    expect(status.body["configuration_hash"]).toMatch(/^[0-9a-f]{32}$/);
    expect(status.body["configuration_hash"]).not.toBe("00000000000000000000000000000000");
  });

  it("§11 POST /config with an invalid entity → 400 code 14 and the previous state stays", async () => {
    kong = await startKongDouble({ database: "off" });
    await adminCall(kong.url, "POST", "/config", {
      _format_version: "3.0",
      consumers: [{ username: "kept" }],
    });
    const invalid = await adminCall(kong.url, "POST", "/config", {
      _format_version: "3.0",
      services: [{ name: "a", host: "h" }, { name: "b" }, { name: "a", host: "h" }],
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ code: 14, name: "invalid declarative configuration" });
    expect(invalid.body.fields).toEqual({
      services: [
        null,
        { host: "required field missing" },
        "uniqueness violation: 'services' entity with name set to 'a' already declared",
      ],
    });
    expect(invalid.body.message).toMatch(/^declarative config is invalid: /);
    expect((await adminCall(kong.url, "GET", "/consumers/kept")).status).toBe(200);
  });

  it("§11 POST /config without a configuration → 400; with a database → 400 only-DB-less message", async () => {
    kong = await startKongDouble({ database: "off" });
    expect((await adminCall(kong.url, "POST", "/config", {})).body).toEqual({
      message: "expected a declarative configuration",
    });
    const version = await adminCall(kong.url, "POST", "/config", { _format_version: "9.9" });
    expect(version.body.fields).toEqual({ _format_version: "expected one of: 1.1, 2.1, 3.0" });
    await kong.close();
    kong = await startKongDouble();
    const refused = await adminCall(kong.url, "POST", "/config", { _format_version: "3.0" });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      message: "this endpoint is only available when Kong is configured to not use a database",
    });
  });
});
