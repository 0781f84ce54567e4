import { describe, expect, it } from "vitest";
import { acceptRequestId, requestIdFor } from "./request-id.js";

describe("request ids", () => {
  it("accepts 1-128 characters of letters, digits, dot, underscore and dash", () => {
    expect(acceptRequestId("abc-DEF_1.2")).toBe("abc-DEF_1.2");
    expect(acceptRequestId("x".repeat(128))).toBe("x".repeat(128));
  });

  it("rejects anything else", () => {
    for (const bad of ["", "x".repeat(129), "a b", "a\nb", "ä", "id,other", "<script>", "a/b"]) {
      expect(acceptRequestId(bad), bad).toBeUndefined();
    }
    expect(acceptRequestId(["a", "b"])).toBeUndefined();
    expect(acceptRequestId(undefined)).toBeUndefined();
  });

  it("generates a UUID when the incoming id is missing or invalid", () => {
    expect(requestIdFor("keep-me")).toBe("keep-me");
    const generated = requestIdFor("bad id");
    expect(generated).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(requestIdFor(undefined)).not.toBe(generated);
  });
});
