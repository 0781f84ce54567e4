import path from "node:path";
import { formatProblem, StaticConfigError } from "../static-config/config-problem.js";
import { loadStaticConfig } from "../static-config/static-config.loader.js";
import type { CliIo } from "./cli-io.js";

const usage = "Usage: portal config check DIR\n";

/**
 * `portal config check DIR`: loads the static configuration like the server would (with the same environment)
 * and prints either `OK …` (exit 0) or every problem (exit 1). Wrong arguments exit 2.
 */
export async function configCheckCommand(args: string[], io: CliIo): Promise<number> {
  if (args.length === 1 && (args[0] === "--help" || args[0] === "-h")) {
    io.stdout(usage);
    return 0;
  }
  const [dir] = args;
  if (args.length !== 1 || dir === undefined || dir === "" || dir.startsWith("-")) {
    io.stderr(
      args.length === 0 ? `Missing DIR.\n${usage}` : `Unexpected arguments: ${args.join(" ")}\n${usage}`,
    );
    return 2;
  }
  try {
    const config = await loadStaticConfig(path.resolve(io.cwd, dir), io.env);
    io.stdout(
      `OK ${dir} (hash ${config.hash}, ${count(config.apis.length, "api")}, ` +
        `${count(config.plans.length, "plan")}, ${count(config.groups.length, "group")})\n`,
    );
    return 0;
  } catch (error) {
    if (!(error instanceof StaticConfigError)) throw error;
    io.stderr(error.problems.map((problem) => `${formatProblem(problem)}\n`).join(""));
    io.stderr(`${count(error.problems.length, "problem")} in ${dir}\n`);
    return 1;
  }
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
