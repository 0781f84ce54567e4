import { z } from "zod";
import { ConfigError, logLevelSchema, parseVariables, wholeNumber } from "../config-variables.js";
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
  KONG_ADAPTER_PORT: wholeNumber(0, 65_535).default(3002),
  KONG_ADAPTER_PUBLIC_URL: z.url("must be a URL").optional(),
  KONG_ADAPTER_INSTALLATION: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, "must be 1–32 lowercase letters, digits or '-'")
    .default("portal"),
  KONG_ADAPTER_RECONCILE_INTERVAL_SECONDS: wholeNumber(0, 86_400).default(300),
  KONG_ADAPTER_CONCURRENCY: wholeNumber(1, 64).default(8),
  KONG_ADAPTER_RESYNC_TOKEN: z.string().min(32, "must be at least 32 characters").optional(),
  KONG_ADAPTER_DBLESS: flag,
  KONG_ADAPTER_TIMEOUT_MS: wholeNumber(100, 120_000).default(10_000),
  KONG_ADAPTER_ATTEMPTS: wholeNumber(1, 20).default(4),
  KONG_ADAPTER_BACKOFF_BASE_MS: wholeNumber(1, 60_000).default(200),
  KONG_ADAPTER_BACKOFF_MAX_MS: wholeNumber(1, 600_000).default(5000),
  LOG_LEVEL: logLevelSchema,
} as const;

export class KongAdapterConfigError extends ConfigError {
  constructor(problems: readonly string[]) {
    super("Kong adapter", problems);
    this.name = "KongAdapterConfigError";
  }
}

/** Validates every variable at once; `KONG_ADAPTER_TOKEN_FILE` may hold the token (a mounted secret). */
export function loadKongAdapterConfig(env: Environment): KongAdapterConfig {
  const { get, problems } = parseVariables(kongAdapterVariables, env, [
    "KONG_ADAPTER_TOKEN",
    "KONG_ADAPTER_RESYNC_TOKEN",
  ]);
  if (problems.length > 0) throw new KongAdapterConfigError(problems);
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
