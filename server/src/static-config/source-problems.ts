import type { z } from "zod";
import { formatPath, joinPath, type PathSegment } from "./config-path.js";
import type { ConfigProblem } from "./config-problem.js";
import type { StructuredSource } from "./structured-source.js";

const idLike = /^[a-z0-9][a-z0-9_-]*$/;

/** Turns locations inside one parsed file into `ConfigProblem`s with a line and a readable path. */
export interface SourceReporter {
  readonly file: string;
  readonly source: StructuredSource;
  /** The readable path of a location, e.g. `plans.basic.plugins[0]` for `["plans", 1, "plugins", 0]`. */
  describe(path: readonly PathSegment[]): string;
  report(path: readonly PathSegment[], message: string): void;
  /** Reports every zod issue; `base` is where the validated value sits inside the file. */
  reportZod(issues: readonly z.core.$ZodIssue[], base?: readonly PathSegment[]): void;
}

export interface ReporterOptions {
  readonly file: string;
  readonly source: StructuredSource;
  readonly problems: ConfigProblem[];
  /** Readable prefix of every path in this file, e.g. `apis.orders` or `portal`. */
  readonly prefix: string;
  /** Arrays (formatted raw paths, e.g. `plans`) whose items are named by their unique `id` instead of index. */
  readonly namedArrays?: readonly string[];
}

export function createSourceReporter(options: ReporterOptions): SourceReporter {
  const { file, source, problems, prefix } = options;
  const namedArrays = new Set(options.namedArrays ?? []);

  const describe = (path: readonly PathSegment[]) => {
    const shown: PathSegment[] = [];
    let value: unknown = source.data;
    path.forEach((segment, index) => {
      const item =
        Array.isArray(value) && typeof segment === "number" ? (value[segment] as unknown) : undefined;
      const id = (item as { id?: unknown } | undefined)?.id;
      const named =
        typeof id === "string" &&
        idLike.test(id) &&
        namedArrays.has(formatPath(path.slice(0, index))) &&
        (value as unknown[]).filter((other) => (other as { id?: unknown } | null)?.id === id).length === 1;
      shown.push(named ? id : segment);
      value =
        value !== null && typeof value === "object"
          ? (value as Record<PathSegment, unknown>)[segment]
          : undefined;
    });
    return joinPath(prefix, formatPath(shown));
  };

  const report = (path: readonly PathSegment[], message: string) => {
    const line = source.lineOf(path);
    const shown = describe(path);
    problems.push({
      file,
      path: shown,
      ...(line !== undefined ? { line } : {}),
      message,
    });
  };

  // A value whose ${VAR} could not be substituted is reported once, not again as "invalid URL" and the like.
  const substitutionFailed = new Set(source.issues.map((issue) => JSON.stringify(issue.path)));
  const reportZod = (issues: readonly z.core.$ZodIssue[], base: readonly PathSegment[] = []) => {
    for (const issue of issues) {
      const path = [...base, ...(issue.path as PathSegment[])];
      if (substitutionFailed.has(JSON.stringify(path))) continue;
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) report([...path, key], `unknown key "${key}"`);
      } else if (issue.code === "invalid_type" && valueAt(source.data, path) === undefined) {
        report(path, `missing (expected ${issue.expected})`);
      } else {
        report(path, issue.message);
      }
    }
  };

  return { file, source, describe, report, reportZod };
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<PathSegment, unknown>)[segment];
  }
  return value;
}
