import { readFileSync } from "node:fs";
import { z } from "zod";
import type { Environment } from "../environment.js";

/** The Kong adapter's settings, read once from the environment. */
export interface KongAdapterConfig {
  /** The Kong Admin API, e.g. http://127.0.0.1:8001. */
  readonly adminUrl: string;
  readonly portalUrl: string;
  /** A read-write service account of the portal (it reads secrets and reports receipts). */
  readonly token: string;
  /** Where its own process listens (`main.ts`). */
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | null;
  /** Names and tags of this portal's Kong objects; two portals sharing one Kong need different ones. */
  readonly installation: string;
  /** Seconds between full reconciles; 0 turns the schedule off (start-up and events only). */
  readonly reconcileIntervalSeconds: number;
  /** Admin API calls in flight at once. */
  readonly concurrency: number;
  /** Bearer token of `POST /resync`; null turns the route off. */
  readonly resyncToken: string | null;
  /** Kong runs without a database: render the declarative configuration and `POST /config`. */
  readonly dbless: boolean;
  readonly timeoutMs: number;
  /** Attempts per Admin API call before a reconcile gives up on it. */
  readonly attempts: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

const int = (min: number, max: number) => z.coerce.number().int("must be a whole number").min(min).max(max);
const flag = z
  .enum(["true", "false", "1", "0"], "must be true or false")
  .default("false")
  .transform((value) => value === "true" || value === "1");

/** Every variable with its default (listed in `bridge/environment-variables.json` for the README). */
export const kongAdapterVariables = {
  KONG_ADMIN_URL: z.url("must be a URL").default("http://127.0.0.1:8001"),
  KONG_ADAPTER_PORTAL_URL: z.url("must be a URL").default("http://127.0.0.1:3000"),
  KONG_ADAPTER_TOKEN: z
    .string()
    .min(32, "must be the token of a read-write service account (32 or more characters)"),
  KONG_ADAPTER_HOST: z.string().min(1).default("127.0.0.1"),
  KONG_ADAPTER_PORT: int(0, 65_535).default(3002),
  KONG_ADAPTER_PUBLIC_URL: z.url("must be a URL").optional(),
  KONG_ADAPTER_INSTALLATION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be 1–32 lowercase letters, digits or '-'")
    .default("portal"),
  KONG_ADAPTER_RECONCILE_INTERVAL_SECONDS: int(0, 86_400).default(300),
  KONG_ADAPTER_CONCURRENCY: int(1, 64).default(8),
  KONG_ADAPTER_RESYNC_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  KONG_ADAPTER_DBLESS: flag,
  KONG_ADAPTER_TIMEOUT_MS: int(100, 120_000).default(10_000),
  KONG_ADAPTER_ATTEMPTS: int(1, 20).default(4),
  KONG_ADAPTER_BACKOFF_BASE_MS: int(1, 60_000).default(200),
  KONG_ADAPTER_BACKOFF_MAX_MS: int(1, 600_000).default(5000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
} as const;

const secrets = new Set(["KONG_ADAPTER_TOKEN", "KONG_ADAPTER_RESYNC_TOKEN"]);

export class KongAdapterConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid Kong adapter configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "KongAdapterConfigError";
  }
}

/** Validates every variable at once; `KONG_ADAPTER_TOKEN_FILE` may hold the token (a mounted secret). */
export function loadKongAdapterConfig(env: Environment): KongAdapterConfig {
  const problems: string[] = [];
  const values: Record<string, string | undefined> = { ...env };
  if (env.KONG_ADAPTER_TOKEN_FILE) {
    if (env.KONG_ADAPTER_TOKEN)
      problems.push("KONG_ADAPTER_TOKEN and KONG_ADAPTER_TOKEN_FILE are both set; set only one of them");
    else {
      try {
        values.KONG_ADAPTER_TOKEN = readFileSync(env.KONG_ADAPTER_TOKEN_FILE, "utf8").trim();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
        problems.push(`KONG_ADAPTER_TOKEN_FILE: cannot read ${env.KONG_ADAPTER_TOKEN_FILE} (${code})`);
      }
    }
  }
  const parsed: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(kongAdapterVariables)) {
    const raw = values[name] === "" ? undefined : values[name];
    const result = (schema as z.ZodType).safeParse(raw);
    if (result.success) parsed[name] = result.data;
    else {
      const shown = secrets.has(name) ? "<secret>" : JSON.stringify(raw ?? null);
      problems.push(`${name}=${shown}: ${result.error.issues[0]?.message ?? "invalid"}`);
    }
  }
  if (problems.length > 0) throw new KongAdapterConfigError(problems);
  const get = <N extends keyof typeof kongAdapterVariables>(name: N) =>
    parsed[name] as z.infer<(typeof kongAdapterVariables)[N]>;
  return {
    adminUrl: get("KONG_ADMIN_URL"),
    portalUrl: get("KONG_ADAPTER_PORTAL_URL"),
    token: get("KONG_ADAPTER_TOKEN"),
    host: get("KONG_ADAPTER_HOST"),
    port: get("KONG_ADAPTER_PORT"),
    publicUrl: get("KONG_ADAPTER_PUBLIC_URL") ?? null,
    installation: get("KONG_ADAPTER_INSTALLATION"),
    reconcileIntervalSeconds: get("KONG_ADAPTER_RECONCILE_INTERVAL_SECONDS"),
    concurrency: get("KONG_ADAPTER_CONCURRENCY"),
    resyncToken: get("KONG_ADAPTER_RESYNC_TOKEN") ?? null,
    dbless: get("KONG_ADAPTER_DBLESS"),
    timeoutMs: get("KONG_ADAPTER_TIMEOUT_MS"),
    attempts: get("KONG_ADAPTER_ATTEMPTS"),
    backoffBaseMs: get("KONG_ADAPTER_BACKOFF_BASE_MS"),
    backoffMaxMs: get("KONG_ADAPTER_BACKOFF_MAX_MS"),
    logLevel: get("LOG_LEVEL"),
  };
}
