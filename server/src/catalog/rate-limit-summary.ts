import type { GatewayPlugin } from "../static-config/static-config.js";

/** Kong's rate-limiting windows, in the order they are shown. */
const windows = ["second", "minute", "hour", "day", "month", "year"] as const;

/** rate-limiting-advanced windows are in seconds; these have names. */
const namedWindowSeconds: Readonly<Record<number, string>> = {
  1: "second",
  60: "minute",
  3600: "hour",
  86400: "day",
  2592000: "month",
  31536000: "year",
};

const numberFormat = new Intl.NumberFormat("en-US");

function count(value: number, unit: string): string {
  return `${numberFormat.format(value)} ${unit}${value === 1 ? "" : "s"}`;
}

function positiveNumber(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null;
}

function scopeSuffix(config: Readonly<Record<string, unknown>>): string {
  return config.limit_by === "ip" ? " per IP address" : "";
}

function rateLimiting(config: Readonly<Record<string, unknown>>, unit: string): string[] {
  return windows.flatMap((window) => {
    const limit = positiveNumber(config[window]);
    return limit === null ? [] : [`${count(limit, unit)} per ${window}${scopeSuffix(config)}`];
  });
}

function rateLimitingAdvanced(config: Readonly<Record<string, unknown>>): string[] {
  const limits = Array.isArray(config.limit) ? (config.limit as unknown[]) : [];
  const sizes = Array.isArray(config.window_size) ? (config.window_size as unknown[]) : [];
  return limits.flatMap((rawLimit, index) => {
    const limit = positiveNumber(rawLimit);
    const size = positiveNumber(sizes[index]);
    if (limit === null || size === null) return [];
    const window = namedWindowSeconds[size] ?? count(size, "second");
    return [`${count(limit, "request")} per ${window}${scopeSuffix(config)}`];
  });
}

function responseRateLimiting(config: Readonly<Record<string, unknown>>): string[] {
  const limits = config.limits;
  if (limits === null || typeof limits !== "object") return [];
  return Object.entries(limits as Record<string, unknown>).flatMap(([name, perWindow]) =>
    perWindow !== null && typeof perWindow === "object"
      ? rateLimiting(perWindow as Record<string, unknown>, `${name} unit`)
      : [],
  );
}

/**
 * A human summary of the rate-limit style gateway plugins (`rate-limiting`, `rate-limiting-advanced`,
 * `response-ratelimiting`), one line per limit: `["6,000 requests per minute", "1,000,000 requests per day"]`.
 * Other plugins and unreadable configs contribute nothing; an empty list means no limits.
 */
export function rateLimitSummary(plugins: readonly GatewayPlugin[]): string[] {
  return plugins.flatMap((plugin) => {
    switch (plugin.name) {
      case "rate-limiting":
        return rateLimiting(plugin.config, "request");
      case "rate-limiting-advanced":
        return rateLimitingAdvanced(plugin.config);
      case "response-ratelimiting":
        return responseRateLimiting(plugin.config);
      default:
        return [];
    }
  });
}
