import { pino } from "pino";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";

/** The structured JSON logger used by the server (pino). Fastify's request loggers are children of it. */
export type Logger = pino.Logger;

export type LogLevel = RuntimeConfig["logLevel"];

export interface LoggerOptions {
  readonly level: LogLevel;
  /** Where the JSON lines go; standard output when omitted. Tests pass an in-memory stream. */
  readonly destination?: pino.DestinationStream;
}

const sensitiveFields = [
  "password",
  "token",
  "secret",
  "accessToken",
  "refreshToken",
  "clientSecret",
  "apiKey",
];

/**
 * Paths whose values are replaced by `[redacted]` before a line is written: credentials in logged headers and any
 * password/token/secret field up to two levels deep (`{ password }`, `{ user: { password } }`, ...).
 */
export const redactedPaths: readonly string[] = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  "headers.authorization",
  "headers.cookie",
  ...sensitiveFields.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
];

export function createLogger(options: LoggerOptions): Logger {
  const loggerOptions: pino.LoggerOptions = {
    level: options.level,
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...redactedPaths], censor: "[redacted]" },
    serializers: { err: pino.stdSerializers.err },
  };
  return options.destination === undefined ? pino(loggerOptions) : pino(loggerOptions, options.destination);
}
