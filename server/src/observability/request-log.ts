import { LogController } from "fastify";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "./logger.js";

/** Routes polled by orchestrators and scrapers; their request lines are logged at `debug` instead of `info`. */
export const probeRoutes: ReadonlySet<string> = new Set(["/healthz", "/readyz", "/metrics"]);

/**
 * One log line per request, written when the response is finished (Fastify's default writes two). The line
 * carries the request id through the request's child logger, the path without its query string (query strings may
 * carry tokens), the route pattern, status and duration.
 */
export class RequestLogController extends LogController {
  constructor() {
    super({ requestIdLogLabel: "requestId" });
  }

  override incomingRequest(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const route = request.routeOptions.url;
    const level = error ? "error" : route !== undefined && probeRoutes.has(route) ? "debug" : "info";
    const log = reply.log as Logger;
    if (!log.isLevelEnabled(level)) return;
    const line = {
      method: request.method,
      path: pathOf(request.url),
      route,
      statusCode: reply.statusCode,
      responseTimeMs: Math.round(reply.elapsedTime * 100) / 100,
      remoteAddress: request.ip,
      ...(error ? { err: error } : {}),
    };
    log[level](line, error ? "request errored" : "request completed");
  }
}

function pathOf(url: string): string {
  const query = url.indexOf("?");
  return query === -1 ? url : url.slice(0, query);
}
