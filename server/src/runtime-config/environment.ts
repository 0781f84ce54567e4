import { readFileSync } from "node:fs";

/** A snapshot of environment variables. The only module that reads `process.env` is this one. */
export type Environment = Readonly<Record<string, string | undefined>>;

export function readProcessEnvironment(): Environment {
  return Object.freeze({ ...process.env });
}

/**
 * Resolves `NAME_FILE` indirections (Docker/Kubernetes secrets): when `NAME_FILE` is set, the trimmed content of
 * that file becomes `NAME`. Setting both is an error, because one of them would be silently ignored.
 */
export function resolveFileVariables(
  env: Environment,
  names: readonly string[],
): {
  env: Environment;
  problems: string[];
} {
  const resolved: Record<string, string | undefined> = { ...env };
  const problems: string[] = [];
  for (const name of names) {
    const filePath = env[`${name}_FILE`];
    if (filePath === undefined || filePath === "") continue;
    if (env[name] !== undefined && env[name] !== "") {
      problems.push(`${name} and ${name}_FILE are both set; set only one of them`);
      continue;
    }
    try {
      resolved[name] = readFileSync(filePath, "utf8").replace(/\r?\n$/, "");
    } catch (error) {
      problems.push(
        `${name}_FILE: cannot read ${filePath} (${(error as NodeJS.ErrnoException).code ?? "error"})`,
      );
    }
  }
  return { env: Object.freeze(resolved), problems };
}
