import { pino, type Logger } from "pino";

/** A logger for tests that writes nothing. */
export function testLogger(): Logger {
  return pino({ level: "silent" });
}
