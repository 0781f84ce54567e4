import { describe, expect, it } from "vitest";
import { rateLimitSummary } from "./rate-limit-summary.js";

describe("rateLimitSummary", () => {
  it("describes rate-limiting windows in order, with thousands separators and singulars", () => {
    expect(
      rateLimitSummary([
        { name: "rate-limiting", config: { day: 1_000_000, minute: 6000, second: 1, policy: "local" } },
      ]),
    ).toEqual(["1 request per second", "6,000 requests per minute", "1,000,000 requests per day"]);
  });

  it("names limits per IP address", () => {
    expect(rateLimitSummary([{ name: "rate-limiting", config: { minute: 120, limit_by: "ip" } }])).toEqual([
      "120 requests per minute per IP address",
    ]);
  });

  it("reads rate-limiting-advanced windows in seconds", () => {
    expect(
      rateLimitSummary([
        { name: "rate-limiting-advanced", config: { limit: [10, 500, 7], window_size: [1, 3600, 90] } },
      ]),
    ).toEqual(["10 requests per second", "500 requests per hour", "7 requests per 90 seconds"]);
  });

  it("reads response-ratelimiting limits per unit", () => {
    expect(
      rateLimitSummary([{ name: "response-ratelimiting", config: { limits: { sms: { minute: 10 } } } }]),
    ).toEqual(["10 sms units per minute"]);
  });

  it("ignores other plugins and unreadable values", () => {
    expect(
      rateLimitSummary([
        { name: "cors", config: { minute: 5 } },
        { name: "rate-limiting", config: { minute: "many", hour: -1, day: 0 } },
        { name: "rate-limiting-advanced", config: { limit: [5] } },
        { name: "response-ratelimiting", config: { limits: "x" } },
      ]),
    ).toEqual([]);
  });
});
