/** One thing wrong with a static configuration directory. */
export interface ConfigProblem {
  /** Path of the file, relative to the configuration directory, with `/` separators. */
  readonly file: string;
  /**
   * Where inside the configuration, e.g. `apis.orders.routes[0].paths[1]` or `plans.basic.plugins[0]`;
   * `""` when the problem is about the file as a whole (missing, unreadable, misnamed).
   */
  readonly path: string;
  /** 1-based line in `file`, when known. */
  readonly line?: number;
  readonly message: string;
}

/** `file:line: path: message`; the line and the path are left out when unknown. */
export function formatProblem(problem: ConfigProblem): string {
  const location = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.path
    ? `${location}: ${problem.path}: ${problem.message}`
    : `${location}: ${problem.message}`;
}

/** Orders problems by file, then line, keeping the discovery order otherwise. */
export function sortProblems(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort(
      (a, b) =>
        compareText(a.problem.file, b.problem.file) ||
        (a.problem.line ?? 0) - (b.problem.line ?? 0) ||
        a.index - b.index,
    )
    .map(({ problem }) => problem);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Thrown by `loadStaticConfig`; lists every problem found, not only the first. */
export class StaticConfigError extends Error {
  readonly problems: readonly ConfigProblem[];

  constructor(dir: string, problems: readonly ConfigProblem[]) {
    const sorted = sortProblems(problems);
    const count = sorted.length === 1 ? "1 problem" : `${sorted.length} problems`;
    super(
      `Invalid static configuration in ${dir} (${count}):\n${sorted.map((p) => `  ${formatProblem(p)}`).join("\n")}`,
    );
    this.name = "StaticConfigError";
    this.problems = sorted;
  }
}
