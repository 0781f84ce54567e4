import type { PathSegment } from "./config-path.js";
import type { SourceReporter } from "./source-problems.js";

/** A validated value together with where it came from, so later checks can report at the right line. */
export interface Located<T> {
  readonly value: T;
  readonly reporter: SourceReporter;
  /** Where the value sits inside its file. */
  readonly path: readonly PathSegment[];
}

/** Reports a problem at `path` below a located value. */
export function reportAt(located: Located<unknown>, path: readonly PathSegment[], message: string): void {
  located.reporter.report([...located.path, ...path], message);
}

/**
 * The ids a collection declares. `complete` is false when its file could not be read at all; references into
 * it are then not checked, so one broken file does not drown the report in follow-up errors.
 */
export interface KnownIds {
  readonly ids: ReadonlySet<string>;
  readonly complete: boolean;
}
