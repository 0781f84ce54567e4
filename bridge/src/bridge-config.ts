import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ConfigError, logLevelSchema, parseVariables, wholeNumber } from "./config-variables.js";
import type { Environment } from "./environment.js";
import { hostedListenerNames, type HostedListenerName } from "./hosted-listener-names.js";

/** The bridge's settings, read once at start-up from the environment. */
export interface BridgeConfig {
  /** Base URL of the portal API (REST facade and GraphQL). */
  readonly portalUrl: string;
  /** Token of a delivery service account (`PORTAL_WEBHOOK_DELIVERY_ACCOUNTS`). */
  readonly token: string;
  /** This replica's lease holder id. */
  readonly holderId: string;
  readonly batchSize: number;
  /** Attempts of one event before it goes to the dead letters. */
  readonly maxAttempts: number;
  /** Seconds since the first attempt after which an event goes to the dead letters. */
  readonly maxRetrySeconds: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
  readonly deliveryTimeoutMs: number;
  readonly leaseTtlSeconds: number;
  /** How often idle listeners are checked while the live event stream is down (the polling fallback). */
  readonly pollIntervalMs: number;
  /** How often idle listeners are checked while the live stream is up (a safety net only). */
  readonly idleCheckMs: number;
  readonly listenerRefreshMs: number;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  /** The built-in listeners this process hosts (`BRIDGE_LISTENERS`): `auto` decides by their configuration. */
  readonly hostedListeners: "auto" | readonly HostedListenerName[];
}

/** Every variable with its default; the README of the bridge lists them. */
export const bridgeVariables = {
  BRIDGE_PORTAL_URL: z.url("must be a URL").default("http://127.0.0.1:3000"),
  BRIDGE_TOKEN: z.string().min(32, "must be the token of a delivery service account (32 or more characters)"),
  BRIDGE_ID: z.string().min(1).max(200).optional(),
  BRIDGE_BATCH_SIZE: wholeNumber(1, 1000).default(100),
  BRIDGE_MAX_ATTEMPTS: wholeNumber(1, 1000).default(8),
  BRIDGE_MAX_RETRY_SECONDS: wholeNumber(1, 30 * 86_400).default(3600),
  BRIDGE_BACKOFF_BASE_MS: wholeNumber(1, 3_600_000).default(500),
  BRIDGE_BACKOFF_MAX_MS: wholeNumber(1, 3_600_000).default(60_000),
  BRIDGE_DELIVERY_TIMEOUT_MS: wholeNumber(100, 600_000).default(10_000),
  BRIDGE_LEASE_TTL_SECONDS: wholeNumber(1, 300).default(30),
  BRIDGE_POLL_INTERVAL_MS: wholeNumber(10, 600_000).default(1000),
  BRIDGE_IDLE_CHECK_MS: wholeNumber(10, 600_000).default(10_000),
  BRIDGE_LISTENER_REFRESH_MS: wholeNumber(10, 600_000).default(5000),
  BRIDGE_LISTENERS: z
    .string()
    .transform((text) =>
      text
        .split(",")
        .map((name) => name.trim())
        .filter((name) => name !== ""),
    )
    .refine(
      (names) =>
        (names.length === 1 && (names[0] === "auto" || names[0] === "none")) ||
        (names.length > 0 &&
          names.every((name) => (hostedListenerNames as readonly string[]).includes(name))),
      `must be auto, none, or a list of ${hostedListenerNames.join(", ")}`,
    )
    .default(["auto"]),
  LOG_LEVEL: logLevelSchema,
} as const;

export class BridgeConfigError extends ConfigError {
  constructor(problems: readonly string[]) {
    super("bridge", problems);
    this.name = "BridgeConfigError";
  }
}

/** Validates every variable at once; `BRIDGE_TOKEN_FILE` may hold the token (a mounted secret). */
export function loadBridgeConfig(env: Environment): BridgeConfig {
  const { get, problems } = parseVariables(bridgeVariables, env, ["BRIDGE_TOKEN"]);
  if (problems.length > 0) throw new BridgeConfigError(problems);
  return {
    portalUrl: get("BRIDGE_PORTAL_URL").replace(/\/+$/, ""),
    token: get("BRIDGE_TOKEN"),
    holderId: get("BRIDGE_ID") ?? `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`,
    batchSize: get("BRIDGE_BATCH_SIZE"),
    maxAttempts: get("BRIDGE_MAX_ATTEMPTS"),
    maxRetrySeconds: get("BRIDGE_MAX_RETRY_SECONDS"),
    backoffBaseMs: get("BRIDGE_BACKOFF_BASE_MS"),
    backoffMaxMs: get("BRIDGE_BACKOFF_MAX_MS"),
    deliveryTimeoutMs: get("BRIDGE_DELIVERY_TIMEOUT_MS"),
    leaseTtlSeconds: get("BRIDGE_LEASE_TTL_SECONDS"),
    pollIntervalMs: get("BRIDGE_POLL_INTERVAL_MS"),
    idleCheckMs: get("BRIDGE_IDLE_CHECK_MS"),
    listenerRefreshMs: get("BRIDGE_LISTENER_REFRESH_MS"),
    logLevel: get("LOG_LEVEL"),
    hostedListeners: hostedListenersOf(get("BRIDGE_LISTENERS")),
  };
}

function hostedListenersOf(names: readonly string[]): "auto" | readonly HostedListenerName[] {
  if (names[0] === "auto") return "auto";
  if (names[0] === "none") return [];
  return [...new Set(names as HostedListenerName[])];
}
