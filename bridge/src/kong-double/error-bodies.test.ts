import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

describe("Kong double: error bodies, uniqueness, foreign keys, cascades (CONTRACT.md §2, §8)", () => {
  let kong: KongDouble;
  const call = (method: string, path: string, body?: unknown) => adminCall(kong.url, method, path, body);
  beforeAll(async () => {
    kong = await startKongDouble();
  });
  beforeEach(() => kong.reset());
  afterAll(async () => {
    await kong.close();
  });

  it("§2.2 schema violation: one error gives 'schema violation (…)', several are counted, @entity first then alphabetical", async () => {
    const one = await call("POST", "/services", { name: "orders" });
    expect(one.body).toEqual({
      code: 2,
      name: "schema violation",
      message: "schema violation (host: required field missing)",
      fields: { host: "required field missing" },
    });
    const two = await call("POST", "/services", { port: 70000, retries: "3" });
    expect(two.status).toBe(400);
    expect(two.body.message).toBe(
      "3 schema violations (host: required field missing; port: value should be between 0 and 65535; retries: expected an integer)",
    );
    const entityFirst = await call("POST", "/consumers", { foo: 1 });
    expect(entityFirst.body.message).toBe(
      "2 schema violations (at least one of these fields must be non-empty: 'custom_id', 'username'; foo: unknown field)",
    );
  });

  it("§2.2 JSON values are not coerced; empty strings are too short; nested and array errors nest", async () => {
    const port = await call("POST", "/services", { host: "h", port: "80" });
    expect(port.body.fields).toEqual({ port: "expected an integer" });
    const empty = await call("POST", "/consumers", { username: "" });
    expect(empty.body.fields).toMatchObject({ username: "length must be at least 1" });
    const nested = await call("POST", "/plugins", { name: "rate-limiting", config: { minute: "five" } });
    expect(nested.body.fields).toEqual({ config: { minute: "expected a number" } });
    expect(nested.body.message).toBe("schema violation (config.minute: expected a number)");
    const consumer = await call("POST", "/consumers", { username: "c" });
    const array = await call("POST", `/consumers/${consumer.body.id}/oauth2`, {
      name: "app",
      redirect_uris: ["https://ok.example/cb", "not-valid"],
    });
    expect(array.body.fields).toEqual({ redirect_uris: [null, "cannot parse 'not-valid'"] });
    expect(array.body.message).toBe("schema violation (redirect_uris.2: cannot parse 'not-valid')");
  });

  it("§2.2 tags: a tag with ',' or '/' is refused with Kong's message; spaces and UTF-8 are fine", async () => {
    const bad = await call("POST", "/consumers", { username: "t", tags: ["ok", "a,b"] });
    expect(bad.body.fields).toEqual({
      tags: [
        null,
        "invalid tag 'a,b': expected printable ascii (except `,` and `/`) or valid utf-8 sequences",
      ],
    });
    const good = await call("POST", "/consumers", {
      username: "t",
      tags: ["corp_ a", "🦍", "portal:install-1"],
    });
    expect(good.status).toBe(201);
  });

  it("§13.1 §15.7 duplicate username and duplicate custom_id → 409 unique constraint violation", async () => {
    await call("POST", "/consumers", { username: "app1$orders", custom_id: "sub-1" });
    const username = await call("POST", "/consumers", { username: "app1$orders" });
    expect(username.status).toBe(409);
    expect(username.body).toEqual({
      code: 5,
      name: "unique constraint violation",
      message: `UNIQUE violation detected on '{username="app1$orders"}'`,
      fields: { username: "app1$orders" },
    });
    const customId = await call("POST", "/consumers", { username: "other", custom_id: "sub-1" });
    expect(customId.status).toBe(409);
    expect(customId.body.fields).toEqual({ custom_id: "sub-1" });
  });

  it("§15.7 service and route names, key-auth keys, oauth2 client ids, basic-auth usernames, plugin instance names are unique", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    expect((await call("POST", "/services", { name: "s", host: "h" })).status).toBe(409);
    await call("POST", "/routes", { name: "r", paths: ["/r"] });
    expect((await call("POST", "/routes", { name: "r", paths: ["/x"] })).status).toBe(409);
    await call("POST", "/consumers", { username: "a" });
    await call("POST", "/consumers", { username: "b" });
    await call("POST", "/consumers/a/key-auth", { key: "k1" });
    const key = await call("POST", "/consumers/b/key-auth", { key: "k1" });
    expect(key.status).toBe(409);
    expect(key.body.message).toBe(`UNIQUE violation detected on '{key="k1"}'`);
    await call("POST", "/consumers/a/oauth2", { name: "app", client_id: "cid" });
    expect(
      (await call("POST", "/consumers/b/oauth2", { name: "app", client_id: "cid" })).body.fields,
    ).toEqual({
      client_id: "cid",
    });
    await call("POST", "/consumers/a/basic-auth", { username: "u", password: "p" });
    expect((await call("POST", "/consumers/b/basic-auth", { username: "u", password: "p" })).status).toBe(
      409,
    );
    await call("POST", "/plugins", { name: "cors", instance_name: "cors-1" });
    const instance = await call("POST", "/services/s/plugins", { name: "cors", instance_name: "cors-1" });
    expect(instance.status).toBe(409);
    expect(instance.body.fields).toEqual({ instance_name: "cors-1" });
  });

  it("§13.9 a second plugin with the same name and scope → 409 with every part of the cache key", async () => {
    const service = await call("POST", "/services", { name: "s", host: "h" });
    await call("POST", "/services/s/plugins", { name: "key-auth" });
    const duplicate = await call("POST", "/plugins", { name: "key-auth", service: { id: service.body.id } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body).toEqual({
      code: 5,
      name: "unique constraint violation",
      message: `UNIQUE violation detected on '{consumer=null,name="key-auth",route=null,service={id="${service.body.id}"}}'`,
      fields: { consumer: null, name: "key-auth", route: null, service: { id: service.body.id } },
    });
  });

  it("§5.4 rate-limiting on (service) and on (service, consumer) are distinct plugins", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    await call("POST", "/consumers", { username: "c" });
    expect(
      (await call("POST", "/services/s/plugins", { name: "rate-limiting", config: { minute: 5 } })).status,
    ).toBe(201);
    const scoped = await call("POST", "/services/s/plugins", {
      name: "rate-limiting",
      consumer: { username: "c" },
      config: { minute: 5 },
    });
    expect(scoped.status).toBe(201);
  });

  it("§6 ACL (consumer, group) is unique; the same group for two consumers gives two rows", async () => {
    const a = await call("POST", "/consumers", { username: "a" });
    await call("POST", "/consumers", { username: "b" });
    await call("POST", "/consumers/a/acls", { group: "orders" });
    const duplicate = await call("POST", "/consumers/a/acls", { group: "orders" });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.message).toBe(
      `UNIQUE violation detected on '{consumer={id="${a.body.id}"},group="orders"}'`,
    );
    expect((await call("POST", "/consumers/b/acls", { group: "orders" })).status).toBe(201);
    expect((await call("GET", "/acls")).body.data).toHaveLength(2);
  });

  it("§2.2 §15.8 a reference to a missing parent → 400 code 4", async () => {
    const missing = "2f9c5bd4-5c9e-4b7e-9b1e-6c3d0a1b2c3d";
    const answer = await call("POST", "/routes", { paths: ["/x"], service: { id: missing } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 4,
      name: "foreign key violation",
      message: `the foreign key '{id="${missing}"}' does not reference an existing 'services' entity.`,
      fields: { service: { id: missing } },
    });
  });

  it("§2.2 a reference by name that does not resolve → 400 code 13", async () => {
    const answer = await call("POST", "/routes", { paths: ["/x"], service: { name: "non-existing" } });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 13,
      name: "foreign keys unresolved",
      message:
        "foreign key unresolved (service.name: the foreign key cannot be resolved with '{name=\"non-existing\"}' for an existing 'services' entity)",
      fields: {
        service: {
          name: "the foreign key cannot be resolved with '{name=\"non-existing\"}' for an existing 'services' entity",
        },
      },
    });
  });

  it("§8 deleting a service that still has routes → 400 code 4 @referenced_by, and nothing is deleted", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    await call("POST", "/services/s/routes", { paths: ["/r"] });
    await call("POST", "/services/s/plugins", { name: "cors" });
    const refused = await call("DELETE", "/services/s");
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      code: 4,
      name: "foreign key violation",
      message: "an existing 'routes' entity references this 'services' entity",
      fields: { "@referenced_by": "routes" },
    });
    expect(kong.store.count("services")).toBe(1);
    expect(kong.store.count("plugins")).toBe(1);
  });

  it("§8 deleting a consumer cascades to its credentials and consumer-scoped plugins", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    await call("POST", "/consumers", { username: "c" });
    await call("POST", "/consumers", { username: "keep" });
    await call("POST", "/consumers/c/key-auth", {});
    await call("POST", "/consumers/keep/key-auth", {});
    await call("POST", "/consumers/c/acls", { group: "g" });
    await call("POST", "/consumers/c/oauth2", { name: "app" });
    await call("POST", "/consumers/c/basic-auth", { username: "u", password: "p" });
    await call("POST", "/services/s/plugins", {
      name: "rate-limiting",
      consumer: { username: "c" },
      config: { minute: 1 },
    });
    expect((await call("DELETE", "/consumers/c")).status).toBe(204);
    expect((await call("GET", "/key-auths")).body.data).toHaveLength(1);
    for (const path of ["/acls", "/oauth2", "/basic-auths", "/plugins"]) {
      expect((await call("GET", path)).body, path).toEqual({ data: [], next: null });
    }
  });

  it("§8 deleting a route cascades to its plugins; the service stays; then the service can go with its plugins", async () => {
    await call("POST", "/services", { name: "s", host: "h" });
    await call("POST", "/services/s/routes", { name: "r", paths: ["/r"] });
    await call("POST", "/routes/r/plugins", { name: "cors" });
    await call("POST", "/services/s/plugins", { name: "correlation-id" });
    expect((await call("DELETE", "/routes/r")).status).toBe(204);
    expect(kong.store.count("services")).toBe(1);
    expect(kong.store.count("plugins")).toBe(1);
    expect((await call("DELETE", "/services/s")).status).toBe(204);
    expect(kong.store.count("plugins")).toBe(0);
  });

  it("§2.2 PATCH of a missing top-level entity → 404 code 6, by id and by name", async () => {
    const id = "7d0f7c8a-1b2c-4d3e-8f90-a1b2c3d4e5f6";
    const byId = await call("PATCH", `/consumers/${id}`, { custom_id: "x" });
    expect(byId.status).toBe(404);
    expect(byId.body).toEqual({
      code: 6,
      name: "not found",
      message: `could not find the entity with primary key '{id="${id}"}'`,
      fields: { id },
    });
    const byName = await call("PATCH", "/consumers/bob", { custom_id: "x" });
    expect(byName.body).toEqual({
      code: 6,
      name: "not found",
      message: `could not find the entity with '{username="bob"}'`,
      fields: { username: "bob" },
    });
  });

  it("§2.1 a non-UUID key on an entity without endpoint key → 400 code 1 (GET /acls/foo)", async () => {
    const answer = await call("GET", "/acls/foo");
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 1, name: "invalid primary key" });
  });

  it("§2.2 POST with an id that exists → 400 code 3 primary key violation", async () => {
    const created = await call("POST", "/consumers", { username: "a" });
    const again = await call("POST", "/consumers", { id: created.body.id, username: "b" });
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      code: 3,
      name: "primary key violation",
      message: `primary key violation on key '{id="${created.body.id}"}'`,
      fields: { id: created.body.id },
    });
  });

  it("§4.1 PUT that would collide with another row's unique field → 409, the row is unchanged", async () => {
    await call("POST", "/consumers", { username: "a", custom_id: "one" });
    await call("POST", "/consumers", { username: "b", custom_id: "two" });
    const answer = await call("PUT", "/consumers/b", { custom_id: "one" });
    expect(answer.status).toBe(409);
    expect((await call("GET", "/consumers/b")).body.custom_id).toBe("two");
  });
});
