import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

const PROVISION_KEY = /^[A-Za-z0-9]{32}$/;

describe("Kong double: plugins and their config schemas (CONTRACT.md §5.4, §7)", () => {
  let kong: KongDouble;
  const call = (method: string, path: string, body?: unknown) => adminCall(kong.url, method, path, body);
  const config = async (name: string, given: Record<string, unknown> = {}) => {
    const answer = await call("POST", "/plugins", { name, config: given });
    expect(answer.status, JSON.stringify(answer.body)).toBe(201);
    return answer.body.config;
  };

  beforeAll(async () => {
    kong = await startKongDouble();
  });
  beforeEach(() => kong.reset());
  afterAll(async () => {
    await kong.close();
  });

  it("§5.4 a plugin answers with every field, global scope as nulls, default protocols", async () => {
    const answer = await call("POST", "/plugins", { name: "correlation-id" });
    expect(answer.body).toEqual({
      id: expect.any(String) as string,
      name: "correlation-id",
      instance_name: null,
      created_at: expect.any(Number) as number,
      updated_at: expect.any(Number) as number,
      route: null,
      service: null,
      consumer: null,
      config: { header_name: "Kong-Request-ID", generator: "uuid#counter", echo_downstream: false },
      protocols: ["grpc", "grpcs", "http", "https"],
      enabled: true,
      tags: null,
    });
  });

  it("§7 key-auth defaults, and key_names must be header names", async () => {
    expect(await config("key-auth")).toEqual({
      key_names: ["apikey"],
      hide_credentials: false,
      anonymous: null,
      key_in_header: true,
      key_in_query: true,
      key_in_body: false,
      run_on_preflight: true,
      realm: null,
    });
    kong.reset();
    const bad = await call("POST", "/plugins", { name: "key-auth", config: { key_names: ["X Api Key"] } });
    expect(bad.body.fields).toEqual({
      config: {
        key_names: ["bad header name 'X Api Key', allowed characters are A-Z, a-z, 0-9, '_', and '-'"],
      },
    });
  });

  it("§7 acl needs exactly one of allow/deny; whitelist was removed in 3.0", async () => {
    expect(await config("acl", { allow: ["orders"] })).toEqual({
      allow: ["orders"],
      deny: null,
      hide_groups_header: false,
      always_use_authenticated_groups: false,
    });
    const neither = await call("POST", "/plugins", { name: "acl", config: { allow: [] } });
    expect(neither.body.fields).toEqual({
      "@entity": ["at least one of these fields must be non-empty: 'config.allow', 'config.deny'"],
    });
    const both = await call("POST", "/plugins", {
      name: "acl",
      service: null,
      config: { allow: ["a"], deny: ["b"] },
    });
    expect(both.body.fields).toEqual({
      "@entity": ["exactly one of these fields must be non-empty: 'config.allow', 'config.deny'"],
    });
    const whitelist = await call("POST", "/plugins", { name: "acl", config: { whitelist: ["a"] } });
    expect(whitelist.body.fields).toEqual({ config: { whitelist: "unknown field" } });
  });

  it("§7 oauth2 defaults with a generated provision_key; at least one flow; mandatory_scope needs scopes", async () => {
    expect(await config("oauth2", { enable_client_credentials: true })).toEqual({
      scopes: null,
      mandatory_scope: false,
      provision_key: expect.stringMatching(PROVISION_KEY) as string,
      token_expiration: 7200,
      enable_authorization_code: false,
      enable_implicit_grant: false,
      enable_client_credentials: true,
      enable_password_grant: false,
      hide_credentials: false,
      accept_http_if_already_terminated: false,
      anonymous: null,
      global_credentials: false,
      auth_header_name: "authorization",
      refresh_token_ttl: 1209600,
      reuse_refresh_token: false,
      pkce: "lax",
      realm: null,
    });
    kong.reset();
    const noFlow = await call("POST", "/plugins", { name: "oauth2", config: {} });
    expect(noFlow.body.fields).toEqual({
      config:
        "at least one of these fields must be true: enable_authorization_code, enable_implicit_grant, enable_client_credentials, enable_password_grant",
    });
    const noScopes = await call("POST", "/plugins", {
      name: "oauth2",
      config: { enable_authorization_code: true, mandatory_scope: true },
    });
    expect(noScopes.body.fields).toMatchObject({ config: { scopes: "required field missing" } });
    const pkce = await call("POST", "/plugins", {
      name: "oauth2",
      config: { enable_client_credentials: true, pkce: "s256" },
    });
    expect(pkce.body.fields).toEqual({ config: { pkce: "expected one of: none, lax, strict" } });
  });

  it("§7 rate-limiting defaults incl. the redis record and its echoed flat aliases", async () => {
    expect(await config("rate-limiting", { minute: 5 })).toEqual({
      second: null,
      minute: 5,
      hour: null,
      day: null,
      month: null,
      year: null,
      limit_by: "consumer",
      header_name: null,
      path: null,
      policy: "local",
      fault_tolerant: true,
      redis: {
        host: null,
        port: 6379,
        timeout: 2000,
        username: null,
        password: null,
        database: 0,
        ssl: false,
        ssl_verify: false,
        server_name: null,
      },
      hide_client_headers: false,
      error_code: 429,
      error_message: "API rate limit exceeded",
      sync_rate: -1,
      redis_host: null,
      redis_port: 6379,
      redis_password: null,
      redis_username: null,
      redis_ssl: false,
      redis_ssl_verify: false,
      redis_server_name: null,
      redis_timeout: 2000,
      redis_database: 0,
    });
    kong.reset();
    const flat = await config("rate-limiting", { minute: 5, policy: "redis", redis_host: "redis.internal" });
    expect(flat["redis"]).toMatchObject({ host: "redis.internal" });
    expect(flat["redis_host"]).toBe("redis.internal");
  });

  it("§7 rate-limiting: at least one period, each > 0, longer periods not lower, limit_by enum", async () => {
    const none = await call("POST", "/plugins", { name: "rate-limiting", config: {} });
    expect(none.body.fields).toEqual({
      "@entity": [
        "at least one of these fields must be non-empty: 'config.second', 'config.minute', 'config.hour', 'config.day', 'config.month', 'config.year'",
      ],
    });
    const zero = await call("POST", "/plugins", { name: "rate-limiting", config: { minute: 0 } });
    expect(zero.body.fields).toEqual({ config: { minute: "value must be greater than 0" } });
    const order = await call("POST", "/plugins", { name: "rate-limiting", config: { second: 20, hour: 10 } });
    expect(order.body.fields).toEqual({
      config: "The limit for hour(10.0) cannot be lower than the limit for second(20.0)",
    });
    const limitBy = await call("POST", "/plugins", {
      name: "rate-limiting",
      config: { minute: 1, limit_by: "user" },
    });
    expect(limitBy.body.fields).toEqual({
      config: { limit_by: "expected one of: consumer, credential, ip, service, header, path" },
    });
  });

  it("§7 cors, request-size-limiting and basic-auth defaults; cors origins must be regexes", async () => {
    expect(await config("cors")).toEqual({
      origins: null,
      headers: null,
      exposed_headers: null,
      methods: ["GET", "HEAD", "PUT", "PATCH", "POST", "DELETE", "OPTIONS", "TRACE", "CONNECT"],
      max_age: null,
      credentials: false,
      private_network: false,
      preflight_continue: false,
    });
    expect(await config("request-size-limiting")).toEqual({
      allowed_payload_size: 128,
      size_unit: "megabytes",
      require_content_length: false,
    });
    expect(await config("basic-auth")).toEqual({
      anonymous: null,
      hide_credentials: false,
      realm: "service",
    });
    const origin = await call("POST", "/routes", { paths: ["/x"], name: "r" });
    expect(origin.status).toBe(201);
    const bad = await call("POST", "/routes/r/plugins", { name: "cors", config: { origins: ["(unclosed"] } });
    expect(bad.body.fields).toEqual({ config: { origins: ["'(unclosed' is not a valid regex"] } });
  });

  it("§5.4 an unknown plugin name → 400 under fields.name", async () => {
    const answer = await call("POST", "/plugins", { name: "no-such-plugin" });
    expect(answer.status).toBe(400);
    expect(answer.body.fields).toEqual({
      name: "plugin 'no-such-plugin' not enabled; add it to the 'plugins' configuration property",
    });
  });

  it("§5.4 auth and ACL plugins cannot be consumer-scoped; rate-limiting, correlation-id, request-size-limiting can", async () => {
    await call("POST", "/consumers", { username: "c" });
    for (const name of ["key-auth", "basic-auth", "oauth2", "acl", "cors"]) {
      const answer = await call("POST", "/consumers/c/plugins", {
        name,
        config:
          name === "acl" ? { allow: ["g"] } : name === "oauth2" ? { enable_client_credentials: true } : {},
      });
      expect(answer.body.fields, name).toEqual({ consumer: "value must be null" });
    }
    for (const name of ["rate-limiting", "correlation-id", "request-size-limiting"]) {
      const answer = await call("POST", "/consumers/c/plugins", {
        name,
        config: name === "rate-limiting" ? { hour: 1 } : {},
      });
      expect(answer.status, name).toBe(201);
    }
  });

  it("§13.10 PATCH: unknown field → 400 and the plugin is unchanged; config: 'bar' → expected a record; partial config merges", async () => {
    const created = await call("POST", "/plugins", {
      name: "rate-limiting",
      config: { minute: 5, hour: 100 },
    });
    const unknown = await call("PATCH", `/plugins/${created.body.id}`, { foo: "bar" });
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toBe("schema violation (foo: unknown field)");
    expect((await call("GET", `/plugins/${created.body.id}`)).body).toEqual(created.body);
    const notRecord = await call("PATCH", `/plugins/${created.body.id}`, { config: "bar" });
    expect(notRecord.body.fields).toEqual({ config: "expected a record" });
    const merged = await call("PATCH", `/plugins/${created.body.id}`, { config: { minute: 6 } });
    expect(merged.status).toBe(200);
    expect(merged.body.config).toMatchObject({ minute: 6, hour: 100 });
  });

  it("§5.4 PATCH can remove a foreign key reference with null", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    const created = await call("POST", "/services/s/plugins", { name: "cors" });
    const patched = await call("PATCH", `/plugins/${created.body.id}`, { service: null });
    expect(patched.body.service).toBeNull();
  });

  it("§15.1 PUT /plugins/{instance_name} upserts by instance name, keeping the id", async () => {
    const first = await call("PUT", "/plugins/rl-sub-1", { name: "rate-limiting", config: { minute: 5 } });
    expect(first.status).toBe(200);
    expect(first.body.instance_name).toBe("rl-sub-1");
    const second = await call("PUT", "/plugins/rl-sub-1", { name: "rate-limiting", config: { minute: 7 } });
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.config).toMatchObject({ minute: 7 });
    const badName = await call("PUT", "/plugins/app$orders", { name: "cors" });
    expect(badName.body.fields).toEqual({
      instance_name:
        "invalid value 'app$orders': the only accepted ascii characters are alphanumerics or ., -, _, and ~",
    });
  });
});
