import type { FastifyInstance } from "fastify";
import type { Metrics } from "../observability/metrics.js";
import type { ReadinessReport } from "../observability/readiness.js";

const healthBody = JSON.stringify({ status: "ok" });

export interface OperationsRoutesDeps {
  readonly readiness: () => Promise<ReadinessReport>;
  readonly metrics: Metrics;
}

/** Body of `/readyz` while the server drains; otherwise the {@link ReadinessReport} itself. */
export type ReadyzBody =
  ReadinessReport | (Omit<ReadinessReport, "status"> & { readonly status: "draining" });

/**
 * `GET /healthz` (liveness: answers while the process runs, touches nothing), `GET /readyz` (database and static
 * configuration) and `GET /metrics` (Prometheus text format).
 */
export function registerOperationsRoutes(app: FastifyInstance, deps: OperationsRoutesDeps): void {
  app.get("/healthz", (_request, reply) => {
    void reply.header("content-type", "application/json; charset=utf-8").send(healthBody);
  });

  app.get("/readyz", async (_request, reply) => {
    const report = await deps.readiness();
    return reply
      .code(report.status === "ok" ? 200 : 503)
      .header("cache-control", "no-store")
      .send(report);
  });

  app.get("/metrics", async (_request, reply) => {
    const text = await deps.metrics.scrape();
    return reply.header("content-type", deps.metrics.contentType).send(text);
  });
}
