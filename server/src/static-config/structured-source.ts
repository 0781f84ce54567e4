import { isAlias, isMap, isScalar, isSeq, LineCounter, parse, parseDocument } from "yaml";
import type { Environment } from "../runtime-config/environment.js";
import type { PathSegment } from "./config-path.js";
import { substituteVariables, type UsedVariables } from "./variable-substitution.js";

export type SourceFormat = "yaml" | "json";

/** A message about a location inside a parsed file, before it becomes a `ConfigProblem`. */
export interface SourceIssue {
  readonly path: readonly PathSegment[];
  readonly line?: number;
  readonly message: string;
}

export interface StructuredSource {
  /** The parsed value after `${VAR}` substitution; `undefined` when the file could not be parsed. */
  readonly data: unknown;
  /** Line of the node at `path`, or of its nearest ancestor that exists. */
  lineOf(path: readonly PathSegment[]): number | undefined;
  /** Syntax errors and substitution errors, all of them. */
  readonly issues: readonly SourceIssue[];
}

export interface SourceInput {
  readonly text: string;
  readonly format: SourceFormat;
  readonly env: Environment;
  readonly used: UsedVariables;
  /** Added to every line number (front matter starts after the first `---` line). */
  readonly lineOffset?: number;
}

/**
 * Parses YAML or JSON, keeping the line of every node, and substitutes `${VAR}` in every string value (never in
 * keys). A plain (unquoted) YAML scalar that is exactly one reference is re-typed after substitution, so
 * `retries: ${RETRIES:-5}` gives a number.
 */
export function parseStructuredSource(input: SourceInput): StructuredSource {
  const offset = input.lineOffset ?? 0;
  const counter = new LineCounter();
  const lineAt = (position: number) => counter.linePos(position).line + offset;
  const lines = new Map<string, number>();
  const lineOf = (path: readonly PathSegment[]) => {
    for (let length = path.length; length >= 0; length -= 1) {
      const line = lines.get(JSON.stringify(path.slice(0, length)));
      if (line !== undefined) return line;
    }
    return undefined;
  };

  if (input.format === "json") {
    const jsonError = strictJsonError(input.text);
    if (jsonError)
      return { data: undefined, lineOf, issues: [{ path: [], ...jsonError, line: jsonError.line + offset }] };
  }
  const document = parseDocument(input.text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const syntax = [...document.errors, ...document.warnings].map((error) => ({
    path: [],
    line: lineAt(error.pos[0]),
    message: `${input.format === "json" ? "JSON" : "YAML"}: ${error.message}`,
  }));
  if (document.errors.length > 0) return { data: undefined, lineOf, issues: syntax };

  const issues: SourceIssue[] = [...syntax];
  const visit = (node: unknown, path: PathSegment[]) => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    const key = JSON.stringify(path);
    if (range && !lines.has(key)) lines.set(key, lineAt(range[0]));
    if (isAlias(node)) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const keyRange = (pair.key as { range?: [number, number, number] } | null)?.range;
        if (keyRange) lines.set(JSON.stringify([...path, name]), lineAt(keyRange[0]));
        visit(pair.value, [...path, name]);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => visit(item, [...path, index]));
    } else if (isScalar(node) && typeof node.value === "string") {
      const result = substituteVariables(node.value, input.env, input.used);
      for (const message of result.errors) issues.push({ path, line: lines.get(key), message });
      node.value = result.wholeReference && node.type === "PLAIN" ? retype(result.value) : result.value;
    }
  };
  visit(document.contents, []);
  try {
    return { data: document.toJS({ maxAliasCount: 100 }) as unknown, lineOf, issues };
  } catch (error) {
    issues.push({ path: [], line: 1, message: `YAML: ${(error as Error).message}` });
    return { data: undefined, lineOf, issues };
  }
}

/** A substituted plain scalar becomes a number or boolean when its text says so (YAML 1.2 core schema). */
function retype(value: string): unknown {
  try {
    const typed: unknown = parse(value);
    return typeof typed === "number" || typeof typed === "boolean" ? typed : value;
  } catch {
    return value;
  }
}

/** YAML accepts more than JSON (trailing commas, comments); a `.json` file must be strict JSON. */
function strictJsonError(text: string): { line: number; message: string } | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message);
    const line = position ? text.slice(0, Number(position[1])).split("\n").length : 1;
    return { line, message: `JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}` };
  }
}
