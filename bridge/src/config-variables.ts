import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Environment } from "./environment.js";

/** A whole number in a range, from an environment variable's text. */
export const wholeNumber = (min: number, max: number) =>
  z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

export const logLevelSchema = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
  .default("info");

/** Every problem of one component's variables at once, each naming the variable (never a secret's value). */
export class ConfigError extends Error {
  constructor(
    component: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid ${component} configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export interface ParsedVariables<V extends Record<string, z.ZodType>> {
  readonly get: <N extends keyof V & string>(name: N) => z.output<V[N]>;
  /** The text as given (after `_FILE`), e.g. to tell "set" from "defaulted". */
  readonly raw: (name: keyof V & string) => string | undefined;
  readonly problems: string[];
}

/**
 * Parses a component's variables from one environment snapshot: empty counts as unset; each secret may instead
 * come from `NAME_FILE` (a mounted secret; both set is a problem) and is shown as `<secret>` in problems.
 */
export function parseVariables<V extends Record<string, z.ZodType>>(
  variables: V,
  env: Environment,
  secrets: readonly (keyof V & string)[],
): ParsedVariables<V> {
  const problems: string[] = [];
  const values: Record<string, string | undefined> = { ...env };
  for (const name of secrets) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name]) {
      problems.push(`${name} and ${name}_FILE are both set; set only one of them`);
      continue;
    }
    try {
      values[name] = readFileSync(file, "utf8").trim();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      problems.push(`${name}_FILE: cannot read ${file} (${code})`);
    }
  }
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(variables)) {
    const raw = values[name] === "" ? undefined : values[name];
    const result = schema.safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else {
      const shown = (secrets as readonly string[]).includes(name) ? "<secret>" : JSON.stringify(raw ?? null);
      problems.push(`${name}=${shown}: ${result.error.issues[0]?.message ?? "invalid"}`);
    }
  }
  return {
    get: (name) => parsed[name] as z.output<V[typeof name]>,
    raw: (name) => (values[name] === "" ? undefined : values[name]),
    problems,
  };
}
