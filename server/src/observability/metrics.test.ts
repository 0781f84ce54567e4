import { describe, expect, it } from "vitest";
import { createMetrics, observeHttpRequest } from "./metrics.js";

describe("createMetrics", () => {
  it("exposes process metrics and the request histogram by route pattern", async () => {
    const metrics = createMetrics();
    observeHttpRequest(metrics, { method: "GET", route: "/apis/:id", statusCode: 200, durationMs: 3 });
    observeHttpRequest(metrics, { method: "GET", route: undefined, statusCode: 404, durationMs: 1 });
    const text = await metrics.scrape();
    expect(text).toContain("process_resident_memory_bytes");
    expect(text).toContain("nodejs_eventloop_lag_seconds");
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="/apis/:id",status_code="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.005",method="GET",route="/apis/:id",status_code="200"} 1',
    );
    expect(text).toContain(
      'http_request_duration_seconds_count{method="GET",route="(unmatched)",status_code="404"} 1',
    );
  });

  it("shares the process metrics but not the registry between instances", async () => {
    const first = createMetrics();
    const second = createMetrics();
    expect(first.registry).not.toBe(second.registry);
    expect(await first.registry.metrics()).not.toContain("process_cpu");
    for (const metrics of [first, second]) {
      const text = await metrics.scrape();
      expect(text.match(/^# TYPE process_cpu_user_seconds_total counter$/gm)).toHaveLength(1);
      expect(text).toContain("# TYPE http_request_duration_seconds histogram");
    }
  });

  it("keeps one registry per instance", async () => {
    const first = createMetrics({ processMetrics: false });
    const second = createMetrics({ processMetrics: false });
    observeHttpRequest(first, { method: "GET", route: "/x", statusCode: 200, durationMs: 1 });
    expect(await first.scrape()).toContain('route="/x"');
    expect(await second.scrape()).not.toContain('route="/x"');
    expect(await second.scrape()).not.toContain("process_cpu");
  });
});
