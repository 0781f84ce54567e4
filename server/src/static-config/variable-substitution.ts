import type { Environment } from "../runtime-config/environment.js";

/** Variables referenced by a configuration: name → its value in the environment (`undefined` when unset). */
export type UsedVariables = Map<string, string | undefined>;

export interface SubstitutionResult {
  readonly value: string;
  /** True when the text was exactly one `${…}` reference and nothing else (such a value may be re-typed). */
  readonly wholeReference: boolean;
  readonly errors: readonly string[];
}

const reference = /^([A-Za-z_][A-Za-z0-9_]*)(?::-([^]*))?$/;

/**
 * Replaces `${NAME}` and `${NAME:-default}` with values from `env`; `$${` stands for a literal `${`.
 * The default applies when the variable is unset or empty. Undefined variables and malformed references are
 * returned as errors (all of them), never replaced by an empty string.
 */
export function substituteVariables(text: string, env: Environment, used: UsedVariables): SubstitutionResult {
  let value = "";
  let references = 0;
  const errors: string[] = [];
  let index = 0;
  while (index < text.length) {
    if (text.startsWith("$${", index)) {
      value += "${";
      index += 3;
      continue;
    }
    if (!text.startsWith("${", index)) {
      value += text[index];
      index += 1;
      continue;
    }
    const end = text.indexOf("}", index + 2);
    if (end < 0) {
      errors.push('unterminated "${" (write "$${" for a literal "${")');
      value += text.slice(index);
      break;
    }
    references += 1;
    const inner = text.slice(index + 2, end);
    index = end + 1;
    const match = reference.exec(inner);
    if (!match) {
      errors.push(`invalid variable reference "\${${inner}}" (expected \${NAME} or \${NAME:-default})`);
      continue;
    }
    const name = match[1] as string;
    const fallback = match[2];
    const fromEnv = env[name];
    const resolved = fallback !== undefined && (fromEnv === undefined || fromEnv === "") ? fallback : fromEnv;
    if (resolved === undefined) {
      errors.push(`undefined variable ${name} (set it, or write \${${name}:-default})`);
      continue;
    }
    used.set(name, fromEnv);
    value += resolved;
  }
  const wholeReference = references === 1 && /^\$\{[^}]*\}$/.test(text);
  return { value, wholeReference, errors };
}
