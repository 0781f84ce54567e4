/**
 * Child process for the concurrent-migration tests: opens the database named by DATABASE_URL, waits until
 * START_AT (epoch ms) so that several processes start migrating at the same moment, migrates, and prints the
 * applied migration names as JSON. Run with `node --import tsx/esm`.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { openDatabase } from "../database/database.js";
import { migrateToLatest } from "../database/migrator.js";
import { readProcessEnvironment } from "../runtime-config/environment.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import { testLogger } from "./test-logger.js";

const env = readProcessEnvironment();
const config = loadRuntimeConfig(env, process.cwd());
const handle = await openDatabase(config.database, testLogger());
try {
  await sleep(Math.max(0, Number(env.START_AT ?? 0) - Date.now()));
  const applied = await migrateToLatest(handle, testLogger());
  process.stdout.write(`${JSON.stringify(applied)}\n`);
} finally {
  await handle.close();
}
