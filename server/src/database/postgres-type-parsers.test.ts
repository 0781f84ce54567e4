import { describe, expect, it } from "vitest";
import { parseInt8, parseNumeric } from "./postgres-type-parsers.js";

describe("PostgreSQL type parsers", () => {
  it("turns safe int8 into numbers and keeps unsafe ones as exact text", () => {
    expect(parseInt8("42")).toBe(42);
    expect(parseInt8("-9007199254740991")).toBe(-9007199254740991);
    expect(parseInt8("9007199254740992")).toBe("9007199254740992");
  });

  it("turns numerics with at most 15 significant digits into numbers", () => {
    expect(parseNumeric("12.50")).toBe(12.5);
    expect(parseNumeric("-0.001")).toBe(-0.001);
    expect(parseNumeric("123456789012345")).toBe(123456789012345);
    expect(parseNumeric("1234567890123456")).toBe("1234567890123456");
    expect(parseNumeric("0.1234567890123456789")).toBe("0.1234567890123456789");
    expect(parseNumeric("NaN")).toBe("NaN");
  });
});
