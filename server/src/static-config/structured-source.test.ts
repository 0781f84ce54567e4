import { describe, expect, it } from "vitest";
import { parseStructuredSource, type SourceFormat } from "./structured-source.js";

function parse(
  text: string,
  format: SourceFormat = "yaml",
  env: Record<string, string> = {},
  lineOffset = 0,
) {
  return parseStructuredSource({ text, format, env, used: new Map(), lineOffset });
}

describe("parseStructuredSource", () => {
  it("knows the line of every key, item and nested value", () => {
    const source = parse("a: 1\nlist:\n  - x\n  - name: y\n    deep:\n      - 2\n");
    expect(source.lineOf(["a"])).toBe(1);
    expect(source.lineOf(["list"])).toBe(2);
    expect(source.lineOf(["list", 0])).toBe(3);
    expect(source.lineOf(["list", 1, "name"])).toBe(4);
    expect(source.lineOf(["list", 1, "deep", 0])).toBe(6);
    expect(source.lineOf(["list", 1, "missing", "x"])).toBe(4);
  });

  it("adds the line offset (front matter)", () => {
    expect(parse("title: x\norder: 2\n", "yaml", {}, 1).lineOf(["order"])).toBe(3);
  });

  it("substitutes values but never keys, and re-types only plain whole references", () => {
    const source = parse('${K}: 1\nn: ${N:-5}\nq: "${N:-5}"\nb: ${B:-true}\ns: port ${N:-5}\n', "yaml", {});
    expect(source.issues).toEqual([]);
    expect(source.data).toEqual({ "${K}": 1, n: 5, q: "5", b: true, s: "port 5" });
  });

  it("reports substitution errors with path and line", () => {
    const source = parse("a:\n  b: ${MISSING}\n");
    expect(source.issues).toEqual([
      {
        path: ["a", "b"],
        line: 2,
        message: "undefined variable MISSING (set it, or write ${MISSING:-default})",
      },
    ]);
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    const broken = parse("a: 1\nb: [1, 2\nc: 3\n");
    expect(broken.data).toBeUndefined();
    expect(broken.issues[0]?.line).toBeGreaterThanOrEqual(2);
    expect(broken.issues[0]?.message).toMatch(/^YAML: /);
    const duplicate = parse("a: 1\nb: 2\na: 3\n");
    expect(duplicate.issues).toEqual([
      { path: [], line: 3, message: expect.stringMatching(/unique/) as string },
    ]);
  });

  it("accepts only strict JSON in .json files", () => {
    expect(parse('{"a": {"b": "${X:-1}"}}', "json").data).toEqual({ a: { b: "1" } });
    const trailing = parse('{\n  "a": 1,\n}\n', "json");
    expect(trailing.data).toBeUndefined();
    expect(trailing.issues).toEqual([
      { path: [], line: 3, message: expect.stringMatching(/^JSON: /) as string },
    ]);
    expect(parse("# comment\na: 1\n", "json").data).toBeUndefined();
  });

  it("rejects several documents in one file", () => {
    expect(parse("a: 1\n---\nb: 2\n").issues[0]?.message).toMatch(/multiple documents/);
  });
});
