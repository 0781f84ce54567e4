import type { FastifyPluginAsync } from "fastify";
import { connect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createCapturedLogger } from "../observability/captured-logger.js";
import { createReadinessCheck, type ReadinessReport } from "../observability/readiness.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import { HttpError } from "./http-error.js";
import { buildHttpServer, type HttpServer } from "./http-server.js";

const http: RuntimeConfig["http"] = {
  host: "127.0.0.1",
  port: 0,
  trustProxy: false,
  bodyLimitBytes: 1024,
  shutdownTimeoutMs: 1000,
};

const ready = createReadinessCheck({ ping: () => Promise.resolve(), configHash: () => "cafe" });

const testRoutes: FastifyPluginAsync = (app) => {
  app.post("/echo", (request) => Promise.resolve({ received: request.body }));
  app.get("/boom", () => Promise.reject(new Error("secret detail from the database driver")));
  app.get("/teapot", () => Promise.reject(new HttpError(409, "That name is taken", "NAME_TAKEN")));
  app.get("/items/:id", (request) => Promise.resolve(request.params));
  return Promise.resolve();
};

const servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function build(options: { readiness?: () => Promise<ReadinessReport>; trustProxy?: boolean } = {}) {
  const captured = createCapturedLogger("debug");
  const server = buildHttpServer({
    config: { http: { ...http, trustProxy: options.trustProxy ?? false } },
    logger: captured.logger,
    readiness: options.readiness ?? ready,
    plugins: [testRoutes],
  });
  servers.push(server);
  return { server, lines: captured.lines };
}

describe("GET /healthz", () => {
  it("answers ok with JSON", async () => {
    const { server } = build();
    const response = await server.inject({ method: "GET", url: "/healthz" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(response.json()).toEqual({ status: "ok" });
  });

  it("answers even when the database is down", async () => {
    const { server } = build({
      readiness: createReadinessCheck({
        ping: () => Promise.reject(new Error("down")),
        configHash: () => "x",
      }),
    });
    expect((await server.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
  });
});

describe("GET /readyz", () => {
  it("answers 200 with the checks when the database and the configuration are fine", async () => {
    const { server } = build();
    const response = await server.inject({ method: "GET", url: "/readyz" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["cache-control"]).toBe("no-store");
    const body = response.json<ReadinessReport>();
    expect(body).toMatchObject({
      status: "ok",
      checks: { database: { ok: true }, config: { ok: true, hash: "cafe" } },
    });
    expect(typeof body.checks.database.latencyMs).toBe("number");
  });

  it("answers 503 naming the failed check when the database ping fails", async () => {
    const { server } = build({
      readiness: createReadinessCheck({
        ping: () => Promise.reject(new Error("SQLITE_CANTOPEN: unable to open database file")),
        configHash: () => "cafe",
      }),
    });
    const response = await server.inject({ method: "GET", url: "/readyz" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: "unavailable",
      checks: {
        database: { ok: false, error: "SQLITE_CANTOPEN: unable to open database file" },
        config: { ok: true, hash: "cafe" },
      },
    });
  });

  it("answers 503 when no static configuration is loaded", async () => {
    const { server } = build({
      readiness: createReadinessCheck({ ping: () => Promise.resolve(), configHash: () => undefined }),
    });
    const response = await server.inject({ method: "GET", url: "/readyz" });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({
      status: "unavailable",
      checks: { config: { ok: false, hash: null } },
    });
  });
});

describe("GET /metrics", () => {
  it("serves Prometheus text with process metrics and requests labelled by route pattern", async () => {
    const { server } = build();
    await server.inject({ method: "GET", url: "/healthz" });
    await server.inject({ method: "GET", url: "/items/42?x=1" });
    await server.inject({ method: "GET", url: "/items/43" });
    await server.inject({ method: "GET", url: "/no/such/path/123" });
    const response = await server.inject({ method: "GET", url: "/metrics" });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = response.body;
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/healthz",status_code="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/items/:id",status_code="200"} 2',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="(unmatched)",status_code="404"} 1',
    );
    expect(text).not.toContain("/items/42");
    expect(text).not.toContain("/no/such/path");
  });

  it("does not share counts between two server instances", async () => {
    const first = build().server;
    const second = build().server;
    await first.inject({ method: "GET", url: "/healthz" });
    const text = (await second.inject({ method: "GET", url: "/metrics" })).body;
    expect(text).not.toContain('route="/healthz"');
  });
});

describe("request ids", () => {
  it("keeps a valid incoming x-request-id, echoes it and logs it on the request line", async () => {
    const { server, lines } = build();
    const response = await server.inject({
      method: "GET",
      url: "/items/7",
      headers: { "x-request-id": "abc.DEF-123_x" },
    });
    expect(response.headers["x-request-id"]).toBe("abc.DEF-123_x");
    const line = lines.find((l) => l.msg === "request completed");
    expect(line).toMatchObject({
      level: "info",
      requestId: "abc.DEF-123_x",
      method: "GET",
      path: "/items/7",
      route: "/items/:id",
      statusCode: 200,
    });
  });

  it("replaces an invalid incoming id with a generated one", async () => {
    const { server } = build();
    for (const bad of ["has space", "x".repeat(129), "semi;colon"]) {
      const response = await server.inject({
        method: "GET",
        url: "/healthz",
        headers: { "x-request-id": bad },
      });
      expect(response.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("generates a different id for each request without one", async () => {
    const { server } = build();
    const a = await server.inject({ method: "GET", url: "/healthz" });
    const b = await server.inject({ method: "GET", url: "/healthz" });
    expect(a.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(a.headers["x-request-id"]).not.toBe(b.headers["x-request-id"]);
  });

  it("logs probe routes at debug and never logs the query string", async () => {
    const { server, lines } = build();
    await server.inject({ method: "GET", url: "/healthz" });
    await server.inject({ method: "GET", url: "/items/1?token=s3cret" });
    const [probe, item] = lines.filter((l) => l.msg === "request completed");
    expect(probe).toMatchObject({ level: "debug", route: "/healthz" });
    expect(item).toMatchObject({ level: "info", path: "/items/1" });
    expect(JSON.stringify(lines)).not.toContain("s3cret");
  });
});

describe("error responses", () => {
  it("answers unknown routes with 404 NOT_FOUND", async () => {
    const { server } = build();
    const response = await server.inject({ method: "GET", url: "/nope?q=1" });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: { code: "NOT_FOUND", message: "No route for GET /nope" } });
    expect(response.headers["x-request-id"]).toBeDefined();
  });

  it("answers a body over the limit with 413 PAYLOAD_TOO_LARGE", async () => {
    const { server } = build();
    const response = await server.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload: JSON.stringify({ text: "x".repeat(2000) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });
    const small = await server.inject({ method: "POST", url: "/echo", payload: { text: "hi" } });
    expect(small.json()).toEqual({ received: { text: "hi" } });
  });

  it("answers malformed JSON with 400 BAD_REQUEST", async () => {
    const { server } = build();
    const response = await server.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: "BAD_REQUEST" } });
  });

  it("masks 500s and logs the real error with the request id", async () => {
    const { server, lines } = build();
    const response = await server.inject({
      method: "GET",
      url: "/boom",
      headers: { "x-request-id": "req-500" },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: { code: "INTERNAL", message: "Internal server error" } });
    expect(response.body).not.toContain("secret detail");
    const logged = lines.find((l) => l.msg === "request failed");
    expect(logged).toMatchObject({
      level: "error",
      requestId: "req-500",
      err: { message: "secret detail from the database driver" },
    });
    expect(String((logged?.err as { stack?: string }).stack)).toContain("http-server.test.ts");
  });

  it("passes an HttpError's status, code and message through", async () => {
    const { server } = build();
    const response = await server.inject({ method: "GET", url: "/teapot" });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({ error: { code: "NAME_TAKEN", message: "That name is taken" } });
  });

  it("answers a body of an unknown content type with 415 UNSUPPORTED_MEDIA_TYPE", async () => {
    const { server } = build();
    const response = await server.inject({
      method: "POST",
      url: "/echo",
      headers: { "content-type": "application/x-unknown" },
      payload: "x",
    });
    expect(response.statusCode).toBe(415);
    expect(response.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
  });

  it("answers a malformed HTTP request with the same error body", async () => {
    const { server } = build();
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(address.port, "127.0.0.1", () => socket.write("GARBAGE\r\n\r\n"));
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toEqual({
      error: { code: "BAD_REQUEST", message: "Malformed HTTP request" },
    });
  });
});

describe("errors before routing", () => {
  it("answers oversized headers with 431 HEADERS_TOO_LARGE", async () => {
    const { server } = build();
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    if (address === null || typeof address === "string") throw new Error("no port");
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(address.port, "127.0.0.1", () =>
        socket.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`),
      );
      let data = "";
      socket.on("data", (chunk) => (data += chunk.toString()));
      socket.on("close", () => resolve(data));
      socket.on("error", reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(raw).toContain(
      '{"error":{"code":"HEADERS_TOO_LARGE","message":"The request headers are too large"}}',
    );
  });
});

describe("trust proxy", () => {
  it("uses X-Forwarded-For for the logged address only when configured", async () => {
    for (const trustProxy of [false, true]) {
      const { server, lines } = build({ trustProxy });
      await server.inject({
        method: "GET",
        url: "/items/1",
        headers: { "x-forwarded-for": "203.0.113.9" },
        remoteAddress: "10.0.0.1",
      });
      const line = lines.find((l) => l.msg === "request completed");
      expect(line?.remoteAddress).toBe(trustProxy ? "203.0.113.9" : "10.0.0.1");
    }
  });
});
