import { createHash } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

const TOKEN = /^[A-Za-z0-9]{32}$/;

describe("Kong double: credentials (CONTRACT.md §6, §13.11–§13.15)", () => {
  let kong: KongDouble;
  const call = (method: string, path: string, body?: unknown) => adminCall(kong.url, method, path, body);
  let alice: string;

  beforeAll(async () => {
    kong = await startKongDouble();
  });
  beforeEach(async () => {
    kong.reset();
    alice = (await call("POST", "/consumers", { username: "alice" })).body.id;
    await call("POST", "/consumers", { username: "bob" });
  });
  afterAll(async () => {
    await kong.close();
  });

  it("§13.12 key-auth: the key is generated when omitted; fields are id, created_at, consumer, key, tags, ttl", async () => {
    const created = await call("POST", "/consumers/alice/key-auth", {});
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String) as string,
      created_at: expect.any(Number) as number,
      consumer: { id: alice },
      key: expect.stringMatching(TOKEN) as string,
      tags: null,
      ttl: null,
    });
  });

  it("§13.12 key-auth: lookup by key or id, /key-auths/{key}/consumer returns the consumer", async () => {
    const created = await call("POST", "/consumers/alice/key-auth", { key: "secret-1" });
    expect((await call("GET", "/key-auths/secret-1")).body).toEqual(created.body);
    expect((await call("GET", `/key-auths/${created.body.id}`)).body).toEqual(created.body);
    expect((await call("GET", "/consumers/alice/key-auth/secret-1")).body).toEqual(created.body);
    const owner = await call("GET", "/key-auths/secret-1/consumer");
    expect(owner.body).toMatchObject({ id: alice, username: "alice" });
  });

  it("§13.12 key-auth ttl is returned as remaining seconds and the key disappears when it has run out", async () => {
    const created = await call("POST", "/consumers/alice/key-auth", { key: "rotating", ttl: 100 });
    expect(created.body.ttl).toBeGreaterThan(95);
    expect(created.body.ttl).toBeLessThanOrEqual(100);
    kong.store.update("keyauth_credentials", created.body.id, {
      created_at: Math.floor(Date.now() / 1000) - 101,
    });
    expect((await call("GET", "/key-auths/rotating")).status).toBe(404);
    expect((await call("GET", "/key-auths")).body.data).toHaveLength(0);
  });

  it("§6 PUT /consumers/{c}/key-auth/{key} with {} creates that key verbatim; PUT again keeps it", async () => {
    const first = await call("PUT", "/consumers/alice/key-auth/my-key", {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ key: "my-key", consumer: { id: alice } });
    const again = await call("PUT", "/consumers/alice/key-auth/my-key", { tags: ["portal"] });
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.tags).toEqual(["portal"]);
  });

  it("§13.11 nested GET/PATCH/DELETE of a credential owned by another consumer → 404; missing → 404", async () => {
    const key = await call("POST", "/consumers/alice/key-auth", { key: "alice-key" });
    for (const method of ["GET", "PATCH", "DELETE"]) {
      const answer = await call(
        method,
        "/consumers/bob/key-auth/alice-key",
        method === "PATCH" ? { tags: ["x"] } : undefined,
      );
      expect(answer.status, method).toBe(404);
      expect(answer.body).toEqual({ message: "Not found" });
    }
    expect((await call("DELETE", `/consumers/bob/key-auth/${key.body.id}`)).status).toBe(404);
    expect((await call("DELETE", "/consumers/alice/key-auth/never-existed")).status).toBe(404);
    expect((await call("GET", "/consumers/nobody/key-auth")).status).toBe(404);
    expect((await call("DELETE", "/consumers/alice/key-auth/alice-key")).status).toBe(204);
  });

  it("§13.11 /key-auths and /acls list the credentials of all consumers and paginate", async () => {
    for (let index = 0; index < 3; index += 1) {
      await call("POST", "/consumers/alice/key-auth", {});
      await call("POST", "/consumers/bob/key-auth", {});
    }
    const page = await call("GET", "/key-auths?size=4");
    expect(page.body.data).toHaveLength(4);
    expect((await call("GET", page.body.next!)).body.data).toHaveLength(2);
  });

  it("§13.11 top-level POST without consumer → schema violation (consumer: required field missing)", async () => {
    const bodies: Record<string, unknown> = {
      "/key-auths": {},
      "/acls": { group: "g" },
      "/oauth2": { name: "n" },
      "/basic-auths": { username: "u", password: "p" },
    };
    for (const [path, body] of Object.entries(bodies)) {
      const answer = await call("POST", path, body);
      expect(answer.status, path).toBe(400);
      expect(answer.body.message, path).toBe("schema violation (consumer: required field missing)");
    }
    const withConsumer = await call("POST", "/key-auths", { consumer: { username: "alice" } });
    expect(withConsumer.body.consumer).toEqual({ id: alice });
  });

  it("§6 wrong JSON type on PATCH of key-auth → key: expected a string", async () => {
    await call("POST", "/consumers/alice/key-auth", { key: "k" });
    const answer = await call("PATCH", "/consumers/alice/key-auth/k", { key: 123 });
    expect(answer.body.fields).toEqual({ key: "expected a string" });
  });

  it("§13.13 ACL: PUT by group creates the membership if missing and is idempotent; GET by group per consumer", async () => {
    const first = await call("PUT", "/consumers/alice/acls/orders", {});
    expect(first.status).toBe(200);
    expect(first.body).toEqual({
      id: expect.any(String) as string,
      created_at: expect.any(Number) as number,
      consumer: { id: alice },
      group: "orders",
      tags: null,
    });
    const again = await call("PUT", "/consumers/alice/acls/orders", {});
    expect(again.body.id).toBe(first.body.id);
    const bobs = await call("PUT", "/consumers/bob/acls/orders", {});
    expect(bobs.body.id).not.toBe(first.body.id);
    expect((await call("GET", "/consumers/alice/acls/orders")).body.id).toBe(first.body.id);
    expect((await call("GET", "/consumers/bob/acls/orders")).body.id).toBe(bobs.body.id);
    expect((await call("GET", "/consumers/alice/acls/billing")).status).toBe(404);
  });

  it("§13.14 OAuth2: name required, client_id/secret generated, redirect_uris optional and validated, secrets may repeat", async () => {
    const missing = await call("POST", "/consumers/alice/oauth2", {});
    expect(missing.body.fields).toEqual({ name: "required field missing" });
    const created = await call("POST", "/consumers/alice/oauth2", { name: "app" });
    expect(created.body).toEqual({
      id: expect.any(String) as string,
      created_at: expect.any(Number) as number,
      consumer: { id: alice },
      name: "app",
      client_id: expect.stringMatching(TOKEN) as string,
      client_secret: expect.stringMatching(TOKEN) as string,
      hash_secret: false,
      redirect_uris: null,
      tags: null,
      client_type: "confidential",
    });
    const fragment = await call("POST", "/consumers/alice/oauth2", {
      name: "x",
      redirect_uris: ["https://a.example/cb#f"],
    });
    expect(fragment.body.fields).toEqual({
      redirect_uris: ["fragment not allowed in 'https://a.example/cb#f'"],
    });
    const sameSecret = await call("POST", "/consumers/bob/oauth2", {
      name: "b",
      client_secret: created.body["client_secret"],
    });
    expect(sameSecret.status).toBe(201);
  });

  it("§6 OAuth2: PUT by client_id updates in place (same id); hash_secret stores a PBKDF2 string; PATCH needs both secret fields", async () => {
    const first = await call("PUT", "/consumers/alice/oauth2/client-1", {
      name: "app",
      client_secret: "s3cret",
      redirect_uris: ["https://a.example/cb"],
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ client_id: "client-1", client_secret: "s3cret" });
    const second = await call("PUT", "/consumers/alice/oauth2/client-1", {
      name: "app",
      client_secret: "s3cret",
      redirect_uris: ["https://b.example/cb"],
    });
    expect(second.body.id).toBe(first.body.id);
    expect(second.body.redirect_uris).toEqual(["https://b.example/cb"]);
    const onlySecret = await call("PATCH", "/consumers/alice/oauth2/client-1", { client_secret: "new" });
    expect(onlySecret.body.fields).toEqual({
      "@entity": ["all or none of these fields must be set: 'hash_secret', 'client_secret'"],
    });
    const hashed = await call("PATCH", "/oauth2/client-1", { client_secret: "new", hash_secret: true });
    expect(hashed.status, JSON.stringify(hashed.body)).toBe(200);
    expect(hashed.body.client_secret).toMatch(/^\$pbkdf2-sha512\$i=10000,l=32\$/);
  });

  it("§13.15 basic-auth: the password is returned as SHA-1 of password..consumer_id; duplicate username → 409", async () => {
    const created = await call("POST", "/consumers/alice/basic-auth", { username: "al", password: "pw" });
    expect(created.body.password).toBe(createHash("sha1").update(`pw${alice}`).digest("hex"));
    expect((await call("POST", "/consumers/bob/basic-auth", { username: "al", password: "x" })).status).toBe(
      409,
    );
  });

  it("§4.1 nested POST overwrites the consumer in the body with the URL's", async () => {
    const bob = (await call("GET", "/consumers/bob")).body.id;
    const created = await call("POST", "/consumers/alice/acls", { group: "g", consumer: { id: bob } });
    expect(created.body.consumer).toEqual({ id: alice });
  });
});
