import { createLogger, type Logger, type LogLevel } from "./logger.js";

export type LogLine = Record<string, unknown> & { level: string; msg?: string };

/** A real pino logger whose JSON lines are kept in memory, for tests that assert on what was logged. */
export function createCapturedLogger(level: LogLevel = "debug"): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const destination = { write: (chunk: string) => void lines.push(JSON.parse(chunk) as LogLine) };
  return { logger: createLogger({ level, destination }), lines };
}
