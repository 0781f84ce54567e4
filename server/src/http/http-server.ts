import Fastify from "fastify";
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from "fastify";
import type { Logger } from "../observability/logger.js";
import { createMetrics, observeHttpRequest, type Metrics } from "../observability/metrics.js";
import type { ReadinessReport } from "../observability/readiness.js";
import { RequestLogController } from "../observability/request-log.js";
import { requestIdFor, requestIdHeader } from "../observability/request-id.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import { handleClientError } from "./client-error.js";
import { errorBody, toErrorResponse } from "./http-error.js";
import { registerOperationsRoutes } from "./operations.routes.js";

declare module "fastify" {
  interface FastifyInstance {
    /** The server's Prometheus registry and HTTP histogram; plugins register their own metrics on `registry`. */
    readonly metrics: Metrics;
  }
}

export interface HttpServerDeps {
  readonly config: Pick<RuntimeConfig, "http">;
  readonly logger: Logger;
  readonly readiness: () => Promise<ReadinessReport>;
  /** Feature modules (GraphQL, REST facade), registered after the operations routes, in order. */
  readonly plugins?: readonly FastifyPluginAsync[];
  /** Defaults to a fresh registry with process metrics. */
  readonly metrics?: Metrics;
}

export type HttpServer = FastifyInstance;

/**
 * Builds the Fastify instance with request ids, one log line per request, the request-duration histogram, the
 * uniform JSON error body, `/healthz`, `/readyz`, `/metrics` and the given plugins. It does not listen.
 */
export function buildHttpServer(deps: HttpServerDeps): HttpServer {
  const { http } = deps.config;
  const metrics = deps.metrics ?? createMetrics();
  let draining = false;
  // Typed as Fastify's base logger so that the instance and plugins use Fastify's default generics.
  const loggerInstance: FastifyBaseLogger = deps.logger;

  const app = Fastify({
    loggerInstance,
    logController: new RequestLogController(),
    genReqId: (request) => requestIdFor(request.headers[requestIdHeader]),
    bodyLimit: http.bodyLimitBytes,
    trustProxy: http.trustProxy,
    // Requests that arrive on a kept-alive connection while draining are still served (with `Connection: close`);
    // Fastify's default would answer them with its own 503 body.
    return503OnClosing: false,
    clientErrorHandler: handleClientError,
  });

  app.decorate("metrics", metrics);

  app.addHook("onResponse", (request, reply, done) => {
    observeHttpRequest(metrics, {
      method: request.method,
      route: request.routeOptions.url,
      statusCode: reply.statusCode,
      durationMs: reply.elapsedTime,
    });
    done();
  });

  // One onSend hook for both headers (each hook costs per request). Connection: close while draining because Node
  // keeps a busy keep-alive connection open after its response even while the server closes, which would hold
  // the shutdown up until the keep-alive timeout.
  app.addHook("onSend", (request, reply, payload, done) => {
    void reply.header(requestIdHeader, request.id);
    if (draining) void reply.header("connection", "close");
    done(null, payload);
  });

  app.addHook("preClose", (done) => {
    draining = true;
    done();
  });

  app.setErrorHandler((error, request, reply) => {
    const response = toErrorResponse(error);
    if (response.internal) request.log.error({ err: error }, "request failed");
    else request.log.info({ err: { message: messageOf(error) } }, "request rejected");
    return reply.code(response.statusCode).send(response.body);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?", 1)[0];
    return reply.code(404).send(errorBody("NOT_FOUND", `No route for ${request.method} ${path}`));
  });

  registerOperationsRoutes(app, { readiness: deps.readiness, metrics });

  for (const plugin of deps.plugins ?? []) void app.register(plugin);

  return app;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
