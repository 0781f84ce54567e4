import { describe, expect, it } from "vitest";
import { substituteVariables, type UsedVariables } from "./variable-substitution.js";

function substitute(text: string, env: Record<string, string> = {}) {
  const used: UsedVariables = new Map();
  return { ...substituteVariables(text, env, used), used };
}

describe("substituteVariables", () => {
  it("replaces ${NAME} and records the variable", () => {
    const result = substitute("https://${HOST}:${PORT}/x", { HOST: "api.example", PORT: "8443" });
    expect(result).toMatchObject({ value: "https://api.example:8443/x", wholeReference: false, errors: [] });
    expect([...result.used]).toEqual([
      ["HOST", "api.example"],
      ["PORT", "8443"],
    ]);
  });

  it("uses the default when the variable is unset or empty, and records it as unset or empty", () => {
    expect(substitute("${A:-fallback}").value).toBe("fallback");
    expect(substitute("${A:-fallback}", { A: "" }).value).toBe("fallback");
    expect(substitute("${A:-fallback}", { A: "set" }).value).toBe("set");
    expect(substitute("${A:-}").value).toBe("");
    expect(substitute("${A:-a:-b c}").value).toBe("a:-b c");
    expect([...substitute("${A:-x}").used]).toEqual([["A", undefined]]);
  });

  it("keeps an empty value of a set variable without default", () => {
    expect(substitute("[${A}]", { A: "" })).toMatchObject({ value: "[]", errors: [] });
  });

  it("turns $${ into a literal ${", () => {
    expect(substitute("cost: $${PRICE} and $$ and $x", { PRICE: "1" })).toMatchObject({
      value: "cost: ${PRICE} and $$ and $x",
      errors: [],
    });
    expect(substitute("$${A}").wholeReference).toBe(false);
  });

  it("reports every undefined variable by name", () => {
    const result = substitute("${A}/${B}/${C:-c}");
    expect(result.errors).toEqual([
      "undefined variable A (set it, or write ${A:-default})",
      "undefined variable B (set it, or write ${B:-default})",
    ]);
  });

  it("reports malformed references", () => {
    expect(substitute("${1X}").errors).toEqual([
      'invalid variable reference "${1X}" (expected ${NAME} or ${NAME:-default})',
    ]);
    expect(substitute("${}").errors).toHaveLength(1);
    expect(substitute("abc ${OPEN").errors).toEqual(['unterminated "${" (write "$${" for a literal "${")']);
  });

  it("says whether the text was exactly one reference", () => {
    expect(substitute("${A:-1}").wholeReference).toBe(true);
    expect(substitute(" ${A:-1}").wholeReference).toBe(false);
    expect(substitute("${A:-1}${B:-2}").wholeReference).toBe(false);
  });
});
