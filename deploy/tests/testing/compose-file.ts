import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";

export const deployDir = fileURLToPath(new URL("../../", import.meta.url));
export const composeFile = path.join(deployDir, "docker-compose.yml");

export interface ComposeHealthcheck {
  readonly test?: readonly string[];
  readonly disable?: boolean;
}

export interface ComposeService {
  readonly image?: string;
  readonly build?: { readonly context: string; readonly dockerfile: string };
  readonly command?: readonly string[];
  readonly environment?: Readonly<Record<string, string>>;
  readonly expose?: readonly string[];
  readonly ports?: readonly string[];
  readonly volumes?: readonly string[];
  readonly secrets?: readonly string[];
  readonly healthcheck?: ComposeHealthcheck;
  readonly deploy?: { readonly replicas?: number };
  readonly read_only?: boolean;
  readonly cap_drop?: readonly string[];
}

export interface ComposeDocument {
  readonly services: Readonly<Record<string, ComposeService>>;
  readonly secrets: Readonly<Record<string, { readonly file: string }>>;
  readonly [key: string]: unknown;
}

/** Variables of an env file (`NAME=value` lines; `#` comments and blank lines ignored). */
export function readEnvFile(file: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) variables[match[1]!] = match[2]!.trim();
  }
  return variables;
}

/**
 * Compose's interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}` and `${VAR:?message}` in the file's text
 * (`$$` is a literal `$`); throws like `docker compose config` when a required variable is missing.
 */
export function interpolate(text: string, env: Readonly<Record<string, string>>): string {
  return text.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g,
    (whole, name: string | undefined, operator: string | undefined, argument: string | undefined) => {
      if (whole === "$$") return "$";
      const value = env[name ?? ""];
      if (value === undefined || (operator?.startsWith(":") === true && value === "")) {
        if (operator?.endsWith("?")) throw new Error(`required variable ${name} is missing: ${argument}`);
        return operator?.endsWith("-") ? (argument ?? "") : "";
      }
      return value;
    },
  );
}

/** The compose file after interpolation with `env`, YAML anchors and merge keys resolved (what Compose validates). */
export function loadComposeDocument(env: Readonly<Record<string, string>>): ComposeDocument {
  return parse(interpolate(readFileSync(composeFile, "utf8"), env), { merge: true }) as ComposeDocument;
}
