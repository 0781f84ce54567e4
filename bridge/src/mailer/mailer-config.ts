import path from "node:path";
import { z } from "zod";
import { ConfigError, logLevelSchema, parseVariables, wholeNumber } from "../config-variables.js";
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

const flag = z.enum(["true", "false"], "must be true or false");

/** Every variable with its default; documented in bridge/environment-variables.json. */
export const mailerVariables = {
  MAILER_PORTAL_URL: z.url("must be a URL").default("http://127.0.0.1:3000"),
  MAILER_TOKEN: z
    .string()
    .min(32, "must be the token of a read-write service account (32 or more characters)"),
  MAILER_HOST: z.string().min(1).default("127.0.0.1"),
  MAILER_PORT: wholeNumber(0, 65_535).default(3003),
  MAILER_PUBLIC_URL: z.url("must be a URL").optional(),
  MAILER_SMTP_HOST: z.string().min(1).optional(),
  MAILER_SMTP_PORT: wholeNumber(1, 65_535).optional(),
  MAILER_SMTP_SECURITY: z
    .enum(["starttls", "implicit", "none"], "must be starttls, implicit or none")
    .default("starttls"),
  MAILER_SMTP_TLS_VERIFY: flag.default("true"),
  MAILER_SMTP_USER: z.string().min(1).optional(),
  MAILER_SMTP_PASSWORD: z.string().min(1).optional(),
  MAILER_SMTP_TIMEOUT_MS: wholeNumber(100, 600_000).default(30_000),
  MAILER_OUTBOX_DIR: z.string().min(1).optional(),
  MAILER_MAX_ATTEMPTS: wholeNumber(1, 100).default(5),
  PORTAL_DATA_DIR: z.string().min(1).default("data"),
  LOG_LEVEL: logLevelSchema,
} as const;

export class MailerConfigError extends ConfigError {
  constructor(problems: readonly string[]) {
    super("mailer", problems);
    this.name = "MailerConfigError";
  }
}

/** Validates every variable at once and names each bad one (never a secret's value). */
export function loadMailerConfig(env: Environment, cwd: string = process.cwd()): MailerConfig {
  const { get, raw, problems } = parseVariables(mailerVariables, env, [
    "MAILER_TOKEN",
    "MAILER_SMTP_PASSWORD",
  ]);
  const user = get("MAILER_SMTP_USER");
  const password = get("MAILER_SMTP_PASSWORD");
  if ((user === undefined) !== (password === undefined) && problems.length === 0)
    problems.push("MAILER_SMTP_USER and MAILER_SMTP_PASSWORD (or _FILE) must be set together, or neither");
  const host = get("MAILER_SMTP_HOST");
  if (host === undefined && problems.length === 0) {
    for (const name of ["MAILER_SMTP_PORT", "MAILER_SMTP_USER"] as const)
      if (raw(name))
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
