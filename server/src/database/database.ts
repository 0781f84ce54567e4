import type { Logger } from "pino";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import type { DatabaseHandle } from "./database.types.js";
import { migrateToLatest } from "./migrator.js";
import { openPostgres } from "./postgres.database.js";
import { openSqlite } from "./sqlite.database.js";

export type { DatabaseHandle, Dialect } from "./database.types.js";

/** Opens the configured backend. Does not migrate; see {@link openMigratedDatabase}. */
export async function openDatabase(
  config: RuntimeConfig["database"],
  logger: Logger,
): Promise<DatabaseHandle> {
  switch (config.kind) {
    case "sqlite":
      return openSqlite(config.file, logger);
    case "postgres":
      return openPostgres(
        { url: config.url, poolMax: config.poolMax, connectTimeoutMs: config.connectTimeoutMs },
        logger,
      );
  }
}

/** What server start-up uses: open, then apply pending migrations (closing again if that fails). */
export async function openMigratedDatabase(
  config: RuntimeConfig["database"],
  logger: Logger,
): Promise<DatabaseHandle> {
  const handle = await openDatabase(config, logger);
  try {
    await migrateToLatest(handle, logger);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
