import { parseArgs } from "node:util";
import { openDatabase } from "../../server/src/database/database.js";
import { migrateToLatest } from "../../server/src/database/migrator.js";
import { parseEncryptionKeys } from "../../server/src/crypto/encryption-keys.js";
import { createKeyRing } from "../../server/src/crypto/key-ring.js";
import { createLogger } from "../../server/src/observability/logger.js";
import { readProcessEnvironment } from "../../server/src/runtime-config/environment.js";
import { refreshPlannerStatistics } from "./bench-database.js";
import { LARGE_POPULATION } from "./population.js";
import { seedDatabase } from "./seed-database.js";

// `node --import tsx/esm bench/seed/seed.ts DATABASE_URL [--users N] [--applications N] [--subscriptions N]`
// migrates the database (`sqlite:<file>` or `postgres://…`) and seeds it with the benchmark fixture and a
// population (default 10,000 users, 20,000 applications, 50,000 subscriptions). The credentials are encrypted
// with the first key of PORTAL_ENCRYPTION_KEYS, which the portal reading them must be started with.
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    users: { type: "string", default: String(LARGE_POPULATION.users) },
    applications: { type: "string", default: String(LARGE_POPULATION.applications) },
    subscriptions: { type: "string", default: String(LARGE_POPULATION.subscriptions) },
  },
});

function count(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a whole number, got ${raw}`);
  return value;
}

const [url] = positionals;
const env = readProcessEnvironment();
const keys = parseEncryptionKeys(env.PORTAL_ENCRYPTION_KEYS ?? "");
if (url === undefined || keys.problems.length > 0) {
  process.stderr.write(
    "usage: PORTAL_ENCRYPTION_KEYS=id:base64 node --import tsx/esm bench/seed/seed.ts DATABASE_URL " +
      "[--users N] [--applications N] [--subscriptions N]\n" +
      (keys.problems.length > 0 ? `PORTAL_ENCRYPTION_KEYS: ${keys.problems.join("; ")}\n` : ""),
  );
  process.exit(2);
}

const logger = createLogger({ level: "warn" });
const database = await openDatabase(
  url.startsWith("sqlite:")
    ? { kind: "sqlite", file: url.slice("sqlite:".length), connectTimeoutMs: 5_000 }
    : { kind: "postgres", url, poolMax: 4, connectTimeoutMs: 5_000 },
  logger,
);
try {
  const started = performance.now();
  await migrateToLatest(database, logger);
  await seedDatabase(database.db, {
    keyRing: createKeyRing(keys.keys),
    population: {
      users: count("users", values.users),
      applications: count("applications", values.applications),
      subscriptions: count("subscriptions", values.subscriptions),
    },
    progress: ({ table, rows }) => process.stderr.write(`seeded ${rows} ${table}\n`),
  });
  await refreshPlannerStatistics(database);
  process.stderr.write(`done in ${Math.round(performance.now() - started)} ms\n`);
} finally {
  await database.close();
}
