import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("Kong double: entity endpoints (CONTRACT.md §4, §5)", () => {
  let kong: KongDouble;
  const call = (method: string, path: string, body?: unknown) => adminCall(kong.url, method, path, body);

  beforeEach(async () => {
    kong ??= await startKongDouble();
    kong.reset();
  });
  afterAll(async () => {
    await kong.close();
  });

  it("§5.1 POST /services with url answers 201 with every field, the url expanded and never returned", async () => {
    const created = await call("POST", "/services", {
      name: "orders",
      url: "http://orders.internal:8080/v1",
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(UUID) as string,
      created_at: expect.any(Number) as number,
      updated_at: expect.any(Number) as number,
      name: "orders",
      retries: 5,
      protocol: "http",
      host: "orders.internal",
      port: 8080,
      path: "/v1",
      connect_timeout: 60000,
      write_timeout: 60000,
      read_timeout: 60000,
      tags: null,
      client_certificate: null,
      tls_verify: null,
      tls_verify_depth: null,
      ca_certificates: null,
      enabled: true,
    });
    expect(Math.abs(created.body.created_at - Date.now() / 1000)).toBeLessThan(5);
  });

  it("§5.1 url shorthand: https defaults to port 443, 'http://h/' gives path '/', 'http://h' gives null", async () => {
    const https = await call("POST", "/services", { url: "https://secure.example" });
    expect(https.body).toMatchObject({ protocol: "https", port: 443, path: null });
    const slash = await call("POST", "/services", { url: "http://plain.example/" });
    expect(slash.body).toMatchObject({ protocol: "http", port: 80, path: "/" });
  });

  it("§5.2 POST /services/{name}/routes forces the service and fills route defaults", async () => {
    const service = await call("POST", "/services", { name: "orders", host: "orders.internal" });
    const route = await call("POST", "/services/orders/routes", { name: "orders", paths: ["/orders"] });
    expect(route.status).toBe(201);
    expect(route.body).toEqual({
      id: expect.stringMatching(UUID) as string,
      created_at: expect.any(Number) as number,
      updated_at: expect.any(Number) as number,
      name: "orders",
      protocols: ["http", "https"],
      methods: null,
      hosts: null,
      paths: ["/orders"],
      headers: null,
      snis: null,
      sources: null,
      destinations: null,
      https_redirect_status_code: 426,
      regex_priority: 0,
      strip_path: true,
      path_handling: "v0",
      preserve_host: false,
      request_buffering: true,
      response_buffering: true,
      tags: null,
      service: { id: service.body.id },
    });
  });

  it("§5.3 POST /consumers answers with username, custom_id null and tags as a de-duplicated set", async () => {
    const created = await call("POST", "/consumers", {
      username: "app1$orders",
      tags: ["portal", "b", "portal"],
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(UUID) as string,
      created_at: expect.any(Number) as number,
      updated_at: expect.any(Number) as number,
      username: "app1$orders",
      custom_id: null,
      tags: ["portal", "b"],
    });
  });

  it("§4 GET by id, by raw and by percent-encoded username return the same object; unknown is 404 Not found", async () => {
    const created = await call("POST", "/consumers", { username: "app1$orders 🦍" });
    const byId = await call("GET", `/consumers/${created.body.id}`);
    const byEncoded = await call("GET", `/consumers/${encodeURIComponent("app1$orders 🦍")}`);
    expect(byId.body).toEqual(created.body);
    expect(byEncoded.body).toEqual(created.body);
    const missing = await call("GET", "/consumers/nobody");
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: "Not found" });
  });

  it("§4 a UUID-looking segment is always an id, never a username", async () => {
    const uuidName = "6e1a3f2c-8f6b-4a57-9a55-0c1d2e3f4a5b";
    await call("POST", "/consumers", { username: uuidName });
    expect((await call("GET", `/consumers/${uuidName}`)).status).toBe(404);
  });

  it("§13.4 PUT /consumers/{name} with {} creates; a second PUT keeps the id and resets custom_id to null", async () => {
    const first = await call("PUT", "/consumers/bob", { custom_id: "c-1" });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ username: "bob", custom_id: "c-1" });
    const second = await call("PUT", "/consumers/bob", {});
    expect(second.status).toBe(200);
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.custom_id).toBeNull();
  });

  it("§4.1 PUT: the URL key wins over the body, and created_at is reset unless sent", async () => {
    kong.store.put("consumers", {
      id: "0b6a9e53-3e1d-4d6f-9a5e-9a7f3c2b1d0e",
      created_at: 1000,
      updated_at: 1000,
      username: "carol",
      custom_id: null,
      tags: null,
    });
    const replaced = await call("PUT", "/consumers/carol", { username: "someone-else" });
    expect(replaced.body.username).toBe("carol");
    expect(replaced.body.id).toBe("0b6a9e53-3e1d-4d6f-9a5e-9a7f3c2b1d0e");
    expect(replaced.body.created_at).toBeGreaterThan(1000);
    const byId = await call("PUT", "/consumers/0b6a9e53-3e1d-4d6f-9a5e-9a7f3c2b1d0e", {
      username: "carol",
      created_at: 1234,
    });
    expect(byId.body).toMatchObject({ id: "0b6a9e53-3e1d-4d6f-9a5e-9a7f3c2b1d0e", created_at: 1234 });
  });

  it("§4.1 PATCH changes only the given fields, replaces arrays, and bumps updated_at; null clears", async () => {
    await call("POST", "/services", { name: "orders", host: "orders.internal", tags: ["a", "b"] });
    kong.store.update("services", kong.store.list("services")[0]!.id, { updated_at: 1000 });
    const patched = await call("PATCH", "/services/orders", { retries: 2, tags: ["c"], path: null });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ retries: 2, tags: ["c"], host: "orders.internal", path: null });
    expect(patched.body.updated_at).toBeGreaterThan(1000);
  });

  it("§4.1 DELETE answers 204 with an empty body, also when the entity does not exist", async () => {
    await call("POST", "/consumers", { username: "dave" });
    const deleted = await call("DELETE", "/consumers/dave");
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe("");
    expect((await call("DELETE", "/consumers/dave")).status).toBe(204);
    expect((await call("GET", "/consumers/dave")).status).toBe(404);
  });

  it("§4 /routes/{r}/service returns the parent; DELETE on it is 405", async () => {
    const service = await call("POST", "/services", { name: "orders", host: "orders.internal" });
    await call("POST", "/routes", { name: "r1", paths: ["/r1"], service: { name: "orders" } });
    const parent = await call("GET", "/routes/r1/service");
    expect(parent.body).toEqual(service.body);
    const refused = await call("DELETE", "/routes/r1/service");
    expect(refused.status).toBe(405);
    expect(refused.body).toEqual({ message: "Method not allowed" });
  });

  it("§4 references by unique field are resolved and returned as {id}", async () => {
    const service = await call("POST", "/services", { name: "orders", host: "orders.internal" });
    const route = await call("POST", "/routes", { paths: ["/x"], service: { name: "orders" } });
    expect(route.body.service).toEqual({ id: service.body.id });
  });

  it("§5.2 routes need no service", async () => {
    const route = await call("POST", "/routes", { paths: ["/free"] });
    expect(route.status).toBe(201);
    expect(route.body.service).toBeNull();
  });
});
