import type { Dialect } from "../database/database.types.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import { createTestPostgresDatabase, type TestPostgresOptions } from "./postgres.js";
import { createTestSqliteDatabase } from "./sqlite.js";

export interface TestDatabase {
  readonly kind: Dialect;
  /** What `openDatabase` takes. */
  readonly config: RuntimeConfig["database"];
  /** What `DATABASE_URL` takes (for CLI commands and child processes). */
  readonly url: string;
  readonly drop: () => Promise<void>;
}

const CONNECT_TIMEOUT_MS = 5_000;

/** A fresh, empty database of the given kind: a temp SQLite file or a new PostgreSQL database. */
export async function createTestDatabase(
  kind: Dialect,
  options: TestPostgresOptions = {},
): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const sqlite = await createTestSqliteDatabase();
    return {
      kind,
      config: { kind, file: sqlite.file, connectTimeoutMs: CONNECT_TIMEOUT_MS },
      url: sqlite.url,
      drop: sqlite.drop,
    };
  }
  const postgres = await createTestPostgresDatabase(options);
  return {
    kind,
    config: { kind, url: postgres.url, poolMax: 4, connectTimeoutMs: CONNECT_TIMEOUT_MS },
    url: postgres.url,
    drop: postgres.drop,
  };
}
