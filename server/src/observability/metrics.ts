import { Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Label used for requests that matched no route, so that unknown URLs never become label values. */
export const unmatchedRoute = "(unmatched)";

export type HttpRequestLabels = "method" | "route" | "status_code";

/**
 * One Prometheus registry per server instance (never prom-client's global default registry), so that two servers
 * in one process (tests, benchmarks) do not share or double-register metrics.
 */
export interface Metrics {
  /** This instance's registry: the HTTP histogram and whatever plugins register. */
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<HttpRequestLabels>;
  /** Content type of {@link scrape}'s output. */
  readonly contentType: string;
  /** Prometheus text of this instance's registry, plus the process metrics unless they were turned off. */
  scrape(): Promise<string>;
}

export interface MetricsOptions {
  /** Include process metrics (CPU, memory, event loop lag, GC, handles). Default true. */
  readonly processMetrics?: boolean;
}

let processRegistry: Registry | undefined;

/**
 * Process metrics describe the process, not a server instance, and their collectors (a GC observer, an event-loop
 * delay monitor) cannot be stopped; so they are collected once per process, into their own registry, on first use.
 */
function sharedProcessRegistry(): Registry {
  if (processRegistry === undefined) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

export function createMetrics(options: MetricsOptions = {}): Metrics {
  const registry = new Registry();
  const httpRequestDuration = new Histogram<HttpRequestLabels>({
    name: "http_request_duration_seconds",
    help: "Duration of HTTP requests from arrival to the end of the response, by route pattern.",
    labelNames: ["method", "route", "status_code"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const sources = (options.processMetrics ?? true) ? [sharedProcessRegistry(), registry] : [registry];
  return {
    registry,
    httpRequestDuration,
    contentType: registry.contentType,
    scrape: async () => (await Promise.all(sources.map((source) => source.metrics()))).join("\n"),
  };
}

/**
 * Records one finished request. `route` must be the route pattern (`/apis/:id`), never the raw URL; pass
 * `undefined` for requests that matched no route.
 */
export function observeHttpRequest(
  metrics: Metrics,
  request: { method: string; route: string | undefined; statusCode: number; durationMs: number },
): void {
  metrics.httpRequestDuration.observe(
    { method: request.method, route: request.route ?? unmatchedRoute, status_code: request.statusCode },
    request.durationMs / 1000,
  );
}
