import type { Environment } from "../runtime-config/environment.js";
import type { ConfigFiles } from "./config-files.js";
import type { ConfigProblem } from "./config-problem.js";
import { createSourceReporter, type SourceReporter } from "./source-problems.js";
import { parseStructuredSource } from "./structured-source.js";
import type { UsedVariables } from "./variable-substitution.js";

/** What every part of the loader shares: the files read, the environment, and the problems found so far. */
export interface LoadContext {
  readonly files: ConfigFiles;
  readonly env: Environment;
  readonly used: UsedVariables;
  readonly problems: ConfigProblem[];
}

export const structuredExtensions = [".yaml", ".yml", ".json"] as const;

export function isStructuredFile(file: string): boolean {
  return structuredExtensions.some((extension) => file.endsWith(extension));
}

/** Finds `<base>.yaml`, `.yml` or `.json`; more than one of them is a problem (which one would win?). */
export function findStructuredFile(context: LoadContext, base: string): string | undefined {
  const found = structuredExtensions.map((extension) => base + extension).filter((f) => context.files.has(f));
  for (const extra of found.slice(1)) {
    context.problems.push({
      file: extra,
      path: "",
      message: `${found[0]} and ${extra} both exist; keep only one`,
    });
  }
  return found[0];
}

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** The text of a file, or `undefined` (and a problem) when it is missing or not UTF-8. */
export function readText(context: LoadContext, file: string): string | undefined {
  const bytes = context.files.get(file);
  if (bytes === undefined) {
    context.problems.push({ file, path: "", message: "file not found" });
    return undefined;
  }
  try {
    return decoder.decode(bytes);
  } catch {
    context.problems.push({ file, path: "", message: "not valid UTF-8 text" });
    return undefined;
  }
}

export interface StructuredFileOptions {
  readonly prefix: string;
  readonly namedArrays?: readonly string[];
  /** Text to parse instead of the whole file (front matter), and the line it starts after. */
  readonly text?: string;
  readonly lineOffset?: number;
}

/**
 * Parses a YAML/JSON file (or a part of one) with `${VAR}` substitution and reports its syntax and
 * substitution problems. The reporter's `source.data` is `undefined` when the file could not be parsed.
 */
export function readStructuredFile(
  context: LoadContext,
  file: string,
  options: StructuredFileOptions,
): SourceReporter {
  const text = options.text ?? readText(context, file);
  const source =
    text === undefined
      ? { data: undefined, lineOf: () => undefined, issues: [] }
      : parseStructuredSource({
          text,
          format: file.endsWith(".json") ? "json" : "yaml",
          env: context.env,
          used: context.used,
          lineOffset: options.lineOffset ?? 0,
        });
  const reporter = createSourceReporter({
    file,
    source,
    problems: context.problems,
    prefix: options.prefix,
    namedArrays: options.namedArrays ?? [],
  });
  for (const issue of source.issues) {
    const path = reporter.describe(issue.path);
    context.problems.push({
      file,
      path,
      ...(issue.line !== undefined ? { line: issue.line } : {}),
      message: issue.message,
    });
  }
  return reporter;
}
