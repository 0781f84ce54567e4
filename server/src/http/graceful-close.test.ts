import type { FastifyPluginAsync } from "fastify";
import { Agent, request as httpRequest } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { createCapturedLogger } from "../observability/captured-logger.js";
import { createReadinessCheck } from "../observability/readiness.js";
import { closeGracefully } from "./graceful-close.js";
import { buildHttpServer, type HttpServer } from "./http-server.js";

interface Answer {
  readonly status: number;
  readonly body: string;
  readonly connection: string | undefined;
}

/** A GET on a fresh connection (`agent` false), on the global keep-alive agent (true) or on the given agent. */
function get(port: number, path: string, agent: boolean | Agent = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: "127.0.0.1", port, path, agent: agent === true ? undefined : agent },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body, connection: res.headers.connection }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

const slowRoutes = (started: () => void, ms: number): FastifyPluginAsync =>
  function slow(app) {
    app.get("/slow", async () => {
      started();
      await sleep(ms);
      return { done: true };
    });
    return Promise.resolve();
  };

const servers: HttpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function listening(slowMs: number) {
  let markStarted: () => void = () => {};
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  const captured = createCapturedLogger("info");
  const server = buildHttpServer({
    config: {
      http: { host: "127.0.0.1", port: 0, trustProxy: false, bodyLimitBytes: 1024, shutdownTimeoutMs: 1000 },
    },
    logger: captured.logger,
    readiness: createReadinessCheck({ ping: () => Promise.resolve(), configHash: () => "h" }),
    plugins: [slowRoutes(markStarted, slowMs)],
  });
  servers.push(server);
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return { server, port: address.port, started, lines: captured.lines };
}

describe("closeGracefully", () => {
  it("lets an in-flight request finish and refuses new connections", async () => {
    const { server, port, started } = await listening(400);
    // An idle keep-alive connection must not hold the shutdown up.
    expect((await get(port, "/healthz", true)).status).toBe(200);
    const slow = get(port, "/slow");
    await started;

    const closing = closeGracefully(server, 5000);
    await sleep(50);
    await expect(get(port, "/healthz")).rejects.toMatchObject({ code: "ECONNREFUSED" });

    const answer = await slow;
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ done: true });
    expect(await closing).toEqual({ forced: false });
  });

  it("closes a busy keep-alive connection after its response instead of waiting for the keep-alive timeout", async () => {
    const { server, port, started } = await listening(300);
    const agent = new Agent({ keepAlive: true });
    const slow = get(port, "/slow", agent);
    await started;
    const begun = Date.now();
    expect(await closeGracefully(server, 5000)).toEqual({ forced: false });
    expect(Date.now() - begun).toBeLessThan(2000);
    expect(await slow).toMatchObject({ status: 200, connection: "close" });
    agent.destroy();
  });

  it("cuts connections still busy after the timeout", async () => {
    const { server, port, started, lines } = await listening(10_000);
    // Settled at once, so the reset cannot surface as an unhandled rejection while closeGracefully runs.
    const slow = get(port, "/slow").then(
      () => null,
      (error: unknown) => error,
    );
    await started;
    const begun = Date.now();
    expect(await closeGracefully(server, 200)).toEqual({ forced: true });
    expect(Date.now() - begun).toBeLessThan(2000);
    expect(await slow).toMatchObject({ code: "ECONNRESET" });
    expect(lines.some((l) => l.msg === "shutdown timeout reached; closing the remaining connections")).toBe(
      true,
    );
  });
});
