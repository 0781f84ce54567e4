import { describe, expect, it } from "vitest";
import { durationText } from "./time-text";

describe("durationText", () => {
  it.each([
    [0, "0 seconds"],
    [1, "1 second"],
    [59.9, "59 seconds"],
    [60, "1 minute"],
    [3599, "59 minutes"],
    [3600, "1 hour"],
    [7300, "2 hours"],
    [86_400 * 3 + 5, "3 days"],
    [-4, "0 seconds"],
  ])("%s s is %s", (seconds, text) => {
    expect(durationText(seconds)).toBe(text);
  });
});
