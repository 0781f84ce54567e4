import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { adminCall } from "./admin-client.js";
import type { KongDouble } from "./kong-double.js";
import { startKongDouble } from "./kong-double.js";

describe("Kong double: test hooks — faults, request log, state access (CONTRACT.md §15 item 12)", () => {
  let kong: KongDouble;
  const call = (method: string, path: string, body?: unknown) => adminCall(kong.url, method, path, body);
  beforeAll(async () => {
    kong = await startKongDouble();
  });
  beforeEach(() => kong.reset());
  afterAll(async () => {
    await kong.close();
  });

  it("§15.12 failNext answers 500 with Kong's unexpected-error body, without applying the write", async () => {
    kong.faults.failNext(1, { match: { method: "POST", path: "/consumers" } });
    const failed = await call("POST", "/consumers", { username: "a" });
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({ message: "An unexpected error occurred" });
    expect(kong.store.count("consumers")).toBe(0);
    expect((await call("POST", "/consumers", { username: "a" })).status).toBe(201);
  });

  it("§15.12 failNext with afterApply: the write happens but the answer is a 500", async () => {
    kong.faults.failNext(1, { afterApply: true });
    expect((await call("POST", "/consumers", { username: "a" })).status).toBe(500);
    expect(kong.store.count("consumers")).toBe(1);
  });

  it("§15.12 failAfter(N) lets N matching requests through, then fails every one until clear()", async () => {
    kong.faults.failAfter(2, { match: { path: /^\/consumers/ } });
    expect((await call("POST", "/consumers", { username: "a" })).status).toBe(201);
    expect((await call("GET", "/services")).status).toBe(200);
    expect((await call("POST", "/consumers", { username: "b" })).status).toBe(201);
    expect((await call("POST", "/consumers", { username: "c" })).status).toBe(500);
    expect((await call("GET", "/consumers/a")).status).toBe(500);
    kong.faults.clear();
    expect((await call("GET", "/consumers/a")).status).toBe(200);
  });

  it("§15.12 a fault with another status, e.g. 503", async () => {
    kong.faults.failNext(1, { status: 503 });
    expect((await call("GET", "/")).status).toBe(503);
  });

  it("§15.12 dropNext destroys the connection without an answer", async () => {
    kong.faults.dropNext(1, { match: { method: "PUT" } });
    await expect(call("PUT", "/consumers/a", {})).rejects.toThrow();
    expect(kong.requests.at(-1)).toMatchObject({ method: "PUT", fault: "drop" });
    expect((await call("PUT", "/consumers/a", {})).status).toBe(200);
  });

  it("§15.12 delay answers slowly", async () => {
    kong.faults.delay(200, { match: { path: "/" }, count: 1 });
    const started = performance.now();
    expect((await call("GET", "/")).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(190);
    const fast = performance.now();
    await call("GET", "/");
    expect(performance.now() - fast).toBeLessThan(190);
  });

  it("§15.12 refuseConnections closes the server and open sockets; acceptConnections listens on the same URL again", async () => {
    await call("POST", "/consumers", { username: "a" });
    await kong.faults.refuseConnections();
    const failure = () =>
      call("GET", "/consumers").then(
        () => "answered",
        (error: Error & { cause?: { code?: string } }) => error.cause?.code,
      );
    // A kept-alive socket sees the reset; a new connection is refused.
    expect(["UND_ERR_SOCKET", "ECONNRESET", "ECONNREFUSED"]).toContain(await failure());
    expect(await failure()).toBe("ECONNREFUSED");
    await kong.faults.acceptConnections();
    expect((await call("GET", "/consumers/a")).status).toBe(200);
  });

  it("§15.12 the request log records method, path, query, body and status, and counts reads and writes", async () => {
    await call("POST", "/consumers", { username: "a" });
    await call("GET", "/consumers?size=5&tags=x");
    await call("DELETE", "/consumers/a");
    expect(kong.requests).toEqual([
      { method: "POST", path: "/consumers", query: {}, body: { username: "a" }, status: 201 },
      { method: "GET", path: "/consumers", query: { size: "5", tags: "x" }, body: undefined, status: 200 },
      { method: "DELETE", path: "/consumers/a", query: {}, body: undefined, status: 204 },
    ]);
    expect(kong.counts).toEqual({ reads: 1, writes: 2, total: 3 });
    kong.clearLog();
    expect(kong.counts).toEqual({ reads: 0, writes: 0, total: 0 });
  });

  it("§15.12 direct state access simulates drift: a consumer deleted and a plugin edited behind the API", async () => {
    await call("POST", "/consumers", { username: "a" });
    const plugin = await call("POST", "/plugins", { name: "rate-limiting", config: { minute: 5 } });
    kong.store.remove("consumers", kong.store.find("consumers", "username", "a")!.id);
    kong.store.update("plugins", plugin.body.id, { config: { ...plugin.body.config, minute: 500 } });
    expect((await call("GET", "/consumers/a")).status).toBe(404);
    expect((await call("GET", `/plugins/${plugin.body.id}`)).body.config).toMatchObject({ minute: 500 });
  });
});
