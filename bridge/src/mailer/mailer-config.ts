import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Environment } from "../environment.js";

/** How the mailer talks to the SMTP server. */
export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** `implicit`: TLS from the first byte (port 465); `starttls`: upgrade required; `none`: plain (local test servers). */
  readonly security: "implicit" | "starttls" | "none";
  /** Check the server's certificate (on unless `MAILER_SMTP_TLS_VERIFY=false`). */
  readonly verifyCertificate: boolean;
  readonly auth: { readonly user: string; readonly password: string } | null;
  readonly timeoutMs: number;
}

/** The mailer's settings from the environment; sender and templates come from the portal at start. */
export interface MailerConfig {
  readonly portalUrl: string;
  /** A read-write service account of the portal (it records every mail in the outbound-message ledger). */
  readonly token: string;
  /** Where its own process listens (`main.ts`); the bridge process hosts it without a port of its own. */
  readonly host: string;
  readonly port: number;
  /** The URL the bridge calls, when it is not `http://host:port/`. */
  readonly publicUrl: string | null;
  /** SMTP delivery; null means the embedded default: `.eml` files in {@link outboxDir}. */
  readonly smtp: SmtpSettings | null;
  readonly outboxDir: string;
  /** Temporary failures of one mail before it is recorded FAILED and given up. */
  readonly maxAttempts: number;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

const int = (min: number, max: number) => z.coerce.number().int("must be a whole number").min(min).max(max);
const flag = z.enum(["true", "false"], "must be true or false");

/** Every variable with its default; documented in bridge/environment-variables.json. */
export const mailerVariables = {
  MAILER_PORTAL_URL: z.url("must be a URL").default("http://127.0.0.1:3000"),
  MAILER_TOKEN: z
    .string()
    .min(32, "must be the token of a read-write service account (32 or more characters)"),
  MAILER_HOST: z.string().min(1).default("127.0.0.1"),
  MAILER_PORT: int(0, 65_535).default(3003),
  MAILER_PUBLIC_URL: z.url("must be a URL").optional(),
  MAILER_SMTP_HOST: z.string().min(1).optional(),
  MAILER_SMTP_PORT: int(1, 65_535).optional(),
  MAILER_SMTP_SECURITY: z
    .enum(["starttls", "implicit", "none"], "must be starttls, implicit or none")
    .default("starttls"),
  MAILER_SMTP_TLS_VERIFY: flag.default("true"),
  MAILER_SMTP_USER: z.string().min(1).optional(),
  MAILER_SMTP_PASSWORD: z.string().min(1).optional(),
  MAILER_SMTP_TIMEOUT_MS: int(100, 600_000).default(30_000),
  MAILER_OUTBOX_DIR: z.string().min(1).optional(),
  MAILER_MAX_ATTEMPTS: int(1, 100).default(5),
  PORTAL_DATA_DIR: z.string().min(1).default("data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
} as const;

const secrets = new Set(["MAILER_TOKEN", "MAILER_SMTP_PASSWORD"]);

export class MailerConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid mailer configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "MailerConfigError";
  }
}

/** `NAME_FILE` may hold the value of `NAME` (a mounted secret); both set is an error. */
function readSecretFile(
  env: Environment,
  name: string,
  values: Record<string, string | undefined>,
  problems: string[],
) {
  const file = env[`${name}_FILE`];
  if (!file) return;
  if (env[name]) {
    problems.push(`${name} and ${name}_FILE are both set; set only one of them`);
    return;
  }
  try {
    values[name] = readFileSync(file, "utf8").trim();
  } catch (error) {
    problems.push(
      `${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`,
    );
  }
}

/** Validates every variable at once and names each bad one (never a secret's value). */
export function loadMailerConfig(env: Environment, cwd: string = process.cwd()): MailerConfig {
  const problems: string[] = [];
  const values: Record<string, string | undefined> = { ...env };
  readSecretFile(env, "MAILER_TOKEN", values, problems);
  readSecretFile(env, "MAILER_SMTP_PASSWORD", values, problems);
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(mailerVariables)) {
    const raw = values[name] === "" ? undefined : values[name];
    const result = (schema as z.ZodType).safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else {
      const shown = secrets.has(name) ? "<secret>" : JSON.stringify(raw ?? null);
      problems.push(`${name}=${shown}: ${result.error.issues[0]?.message ?? "invalid"}`);
    }
  }
  const get = <N extends keyof typeof mailerVariables>(name: N) =>
    parsed[name] as z.infer<(typeof mailerVariables)[N]>;
  const user = get("MAILER_SMTP_USER");
  const password = get("MAILER_SMTP_PASSWORD");
  if ((user === undefined) !== (password === undefined) && problems.length === 0)
    problems.push("MAILER_SMTP_USER and MAILER_SMTP_PASSWORD (or _FILE) must be set together, or neither");
  const host = get("MAILER_SMTP_HOST");
  if (host === undefined && problems.length === 0) {
    for (const name of ["MAILER_SMTP_PORT", "MAILER_SMTP_USER"] as const)
      if (values[name])
        problems.push(`${name} is set but MAILER_SMTP_HOST is not (without it mails go to the outbox)`);
  }
  if (problems.length > 0) throw new MailerConfigError(problems);
  const security = get("MAILER_SMTP_SECURITY");
  return {
    portalUrl: get("MAILER_PORTAL_URL").replace(/\/+$/, ""),
    token: get("MAILER_TOKEN"),
    host: get("MAILER_HOST"),
    port: get("MAILER_PORT"),
    publicUrl: get("MAILER_PUBLIC_URL") ?? null,
    smtp:
      host === undefined
        ? null
        : {
            host,
            port: get("MAILER_SMTP_PORT") ?? (security === "implicit" ? 465 : 587),
            security,
            verifyCertificate: get("MAILER_SMTP_TLS_VERIFY") === "true",
            auth: user !== undefined && password !== undefined ? { user, password } : null,
            timeoutMs: get("MAILER_SMTP_TIMEOUT_MS"),
          },
    outboxDir: path.resolve(cwd, get("MAILER_OUTBOX_DIR") ?? path.join(get("PORTAL_DATA_DIR"), "outbox")),
    maxAttempts: get("MAILER_MAX_ATTEMPTS"),
    logLevel: get("LOG_LEVEL"),
  };
}
