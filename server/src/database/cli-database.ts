import { pino, type Logger } from "pino";
import type { CliIo } from "../cli/cli-io.js";
import {
  loadRuntimeConfig,
  RuntimeConfigError,
  type RuntimeConfig,
} from "../runtime-config/runtime-config.js";
import { openDatabase } from "./database.js";
import type { DatabaseHandle } from "./database.types.js";

/**
 * Shared frame of the database CLI commands: loads the runtime configuration from `io` (exit 2 when invalid),
 * opens the database (exit 1 when that fails), runs `work`, reports any error as one line on stderr (exit 1) and
 * always closes the database. Logs go to stderr as JSON at `warn` unless LOG_LEVEL asks for debug/trace, so
 * stdout carries only the command's output (e.g. a dump).
 */
export async function withCliDatabase(
  io: CliIo,
  work: (handle: DatabaseHandle, logger: Logger, config: RuntimeConfig) => Promise<number>,
): Promise<number> {
  let config: RuntimeConfig;
  try {
    config = loadRuntimeConfig(io.env, io.cwd);
  } catch (error) {
    if (!(error instanceof RuntimeConfigError)) throw error;
    io.stderr(`${error.message}\n`);
    return 2;
  }
  const verbose = config.logLevel === "debug" || config.logLevel === "trace";
  const logger = pino(
    { level: verbose ? config.logLevel : "warn" },
    { write: (line: string) => io.stderr(line) },
  );
  let handle: DatabaseHandle;
  try {
    handle = await openDatabase(config.database, logger);
  } catch (error) {
    io.stderr(`error: ${messageOf(error)}\n`);
    return 1;
  }
  try {
    return await work(handle, logger, config);
  } catch (error) {
    io.stderr(`error: ${messageOf(error)}\n`);
    return 1;
  } finally {
    await handle.close();
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
