import path from "node:path";
import type { z } from "zod";
import type { EncryptionKey } from "../crypto/encryption-keys.js";
import type { ServiceAccount } from "../service-accounts/service-account.js";
import { resolveFileVariables, type Environment } from "./environment.js";
import { variables, type VariableName } from "./runtime-config.variables.js";

type Parsed = { [V in (typeof variables)[number] as V["name"]]: z.infer<V["schema"]> };

export type DatabaseConfig =
  | { readonly kind: "sqlite"; readonly file: string }
  | { readonly kind: "postgres"; readonly url: string; readonly poolMax: number };

export interface RuntimeConfig {
  readonly configDir: string;
  readonly dataDir: string;
  readonly database: DatabaseConfig & { readonly connectTimeoutMs: number };
  readonly http: {
    readonly host: string;
    readonly port: number;
    readonly trustProxy: boolean;
    readonly bodyLimitBytes: number;
    readonly shutdownTimeoutMs: number;
  };
  readonly graphql: { readonly maxDepth: number; readonly maxCost: number };
  readonly logLevel: Parsed["LOG_LEVEL"];
  /** From `PORTAL_SERVICE_ACCOUNTS`; only the hashes of their tokens are kept. */
  readonly serviceAccounts: readonly ServiceAccount[];
  readonly firstAdministrator: { readonly email: string; readonly password: string | null };
  /** From `PORTAL_ENCRYPTION_KEYS` (the first encrypts); null when unset (the embedded key file is used). */
  readonly encryptionKeys: readonly EncryptionKey[] | null;
  readonly eventLog: { readonly retentionDays: number };
  /** Service accounts that deliver webhooks (`PORTAL_WEBHOOK_DELIVERY_ACCOUNTS`). */
  readonly webhooks: { readonly deliveryAccounts: readonly string[] };
}

export class RuntimeConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid runtime configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "RuntimeConfigError";
  }
}

/**
 * Reads and validates every variable at once. Relative paths are resolved against `cwd`, so the process can be
 * started from anywhere. Throws a {@link RuntimeConfigError} listing every problem.
 */
export function loadRuntimeConfig(rawEnv: Environment, cwd: string): RuntimeConfig {
  const secrets = variables.filter((v) => "secret" in v && v.secret).map((v) => v.name);
  const { env, problems } = resolveFileVariables(rawEnv, secrets);
  const parsed: Record<string, unknown> = {};
  for (const spec of variables) {
    const raw = env[spec.name];
    const value = raw === undefined || raw === "" ? ("default" in spec ? spec.default : undefined) : raw;
    if (value === undefined) continue;
    const result = spec.schema.safeParse(value);
    if (result.success) parsed[spec.name] = result.data;
    else
      problems.push(
        `${spec.name}=${"secret" in spec ? "<secret>" : JSON.stringify(value)}: ${result.error.issues[0]?.message ?? "invalid"}`,
      );
  }
  if (problems.length > 0) throw new RuntimeConfigError(problems);
  const get = <N extends VariableName>(name: N) => parsed[name] as Parsed[N];

  const dataDir = path.resolve(cwd, get("PORTAL_DATA_DIR"));
  return {
    configDir: path.resolve(cwd, get("PORTAL_CONFIG_DIR")),
    dataDir,
    database: {
      ...databaseFromUrl(get("DATABASE_URL"), dataDir, cwd, get("DATABASE_POOL_MAX")),
      connectTimeoutMs: get("DATABASE_CONNECT_TIMEOUT_MS"),
    },
    http: {
      host: get("HOST"),
      port: get("PORT"),
      trustProxy: get("PORTAL_TRUST_PROXY"),
      bodyLimitBytes: get("PORTAL_BODY_LIMIT_BYTES"),
      shutdownTimeoutMs: get("PORTAL_SHUTDOWN_TIMEOUT_MS"),
    },
    graphql: { maxDepth: get("GRAPHQL_MAX_DEPTH"), maxCost: get("GRAPHQL_MAX_COST") },
    logLevel: get("LOG_LEVEL"),
    serviceAccounts: get("PORTAL_SERVICE_ACCOUNTS") ?? [],
    firstAdministrator: { email: get("PORTAL_ADMIN_EMAIL"), password: get("PORTAL_ADMIN_PASSWORD") ?? null },
    encryptionKeys: get("PORTAL_ENCRYPTION_KEYS") ?? null,
    eventLog: { retentionDays: get("PORTAL_EVENT_LOG_RETENTION_DAYS") },
    webhooks: { deliveryAccounts: get("PORTAL_WEBHOOK_DELIVERY_ACCOUNTS") },
  };
}

function databaseFromUrl(
  url: string | undefined,
  dataDir: string,
  cwd: string,
  poolMax: number,
): DatabaseConfig {
  if (url === undefined) return { kind: "sqlite", file: path.join(dataDir, "portal.sqlite") };
  if (url.startsWith("sqlite:"))
    return { kind: "sqlite", file: path.resolve(cwd, url.slice("sqlite:".length)) };
  return { kind: "postgres", url, poolMax };
}
