import { describe, expect, it } from "vitest";
import { declineProblems } from "./approval-rules";

describe("decline reason (the server's rule)", () => {
  it("must not be empty or blank", () => {
    expect(declineProblems({ reason: "" }).reason).toContain("must not be empty");
    expect(declineProblems({ reason: "  \n " }).reason).toContain("must not be empty");
  });

  it("is 1 to 1000 characters after trimming", () => {
    expect(declineProblems({ reason: "x" })).toEqual({});
    expect(declineProblems({ reason: ` ${"x".repeat(1000)} ` })).toEqual({});
    expect(declineProblems({ reason: "x".repeat(1001) }).reason).toBe("must be at most 1000 characters");
  });
});
