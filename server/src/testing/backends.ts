import { afterEach, beforeEach, describe, it } from "vitest";
import { openDatabase } from "../database/database.js";
import type { DatabaseHandle, Dialect } from "../database/database.types.js";
import { migrateToLatest } from "../database/migrator.js";
import { postgresAvailability } from "./postgres.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import { testLogger } from "./test-logger.js";

export const backends: readonly Dialect[] = ["sqlite", "postgres"];

export interface TestBackend {
  readonly kind: Dialect;
  /** The current test's database (config and URL). */
  database(): TestDatabase;
  /** Opens another independent handle (own connection/pool) on the current test's database; closed after it. */
  openAnother(): Promise<DatabaseHandle>;
}

export interface EachBackendOptions {
  /** Migrate each fresh database to the latest schema before the test (default true). */
  readonly migrate?: boolean;
}

/**
 * Runs the same suite against SQLite and PostgreSQL, each test on a fresh database. PostgreSQL is skipped (with
 * the reason on stderr) when unreachable, unless `TEST_POSTGRES_REQUIRED` makes that an error.
 */
export function describeEachBackend(
  name: string,
  suite: (getHandle: () => DatabaseHandle, backend: TestBackend) => void,
  options: EachBackendOptions = {},
): void {
  describe(name, async () => {
    const postgres = await postgresAvailability();
    for (const kind of backends) {
      describe.skipIf(kind === "postgres" && !postgres.available)(kind, () => {
        let database: TestDatabase | undefined;
        let handle: DatabaseHandle | undefined;
        const extra: DatabaseHandle[] = [];

        beforeEach(async () => {
          database = await createTestDatabase(kind);
          handle = await openDatabase(database.config, testLogger());
          if (options.migrate !== false) await migrateToLatest(handle, testLogger());
        });
        afterEach(async () => {
          await Promise.all(extra.splice(0).map((h) => h.close()));
          await handle?.close();
          await database?.drop();
          handle = undefined;
          database = undefined;
        });

        const backend: TestBackend = {
          kind,
          database() {
            if (!database) throw new Error("the test database exists only inside a test");
            return database;
          },
          async openAnother() {
            const another = await openDatabase(backend.database().config, testLogger());
            extra.push(another);
            return another;
          },
        };
        suite(() => {
          if (!handle) throw new Error("the test database handle exists only inside a test");
          return handle;
        }, backend);
      });
    }
  });
}

/**
 * `it` for a test that applies to one backend only; on the other it declares nothing (there is nothing to run, so
 * nothing is reported as skipped).
 */
export function itOnlyOn(
  kind: Dialect,
  backend: Pick<TestBackend, "kind">,
): typeof it | ((...args: unknown[]) => void) {
  return backend.kind === kind ? it : () => undefined;
}
