import { describe, expect, it } from "vitest";
import { retryAfterMs } from "./retry-after.js";

describe("Retry-After", () => {
  const now = Date.parse("2026-11-27T10:00:00Z");

  it("reads delta-seconds (and Discord's fractional seconds)", () => {
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs(" 30 ", now)).toBe(30_000);
    expect(retryAfterMs("1.25", now)).toBe(1250);
  });

  it("reads an HTTP date; one in the past means at once", () => {
    expect(retryAfterMs("Fri, 27 Nov 2026 10:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Fri, 27 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("is null when missing or malformed, so the caller's backoff applies", () => {
    for (const header of [undefined, "", "soon", "-5", "12abc", "1e3"])
      expect(retryAfterMs(header, now)).toBeNull();
  });
});
