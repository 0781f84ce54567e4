import { randomBytes } from "node:crypto";
import pg from "pg";
import { readProcessEnvironment } from "../runtime-config/environment.js";

const DEFAULT_TEST_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/test";
const AVAILABILITY_TIMEOUT_MS = 3_000;

export interface TestPostgresDatabase {
  /** Connection URL of the new, empty database. */
  readonly url: string;
  readonly name: string;
  /** Drops the database, closing any connection still open to it. */
  readonly drop: () => Promise<void>;
}

export interface PostgresAvailability {
  readonly available: boolean;
  /** Why PostgreSQL tests are skipped; undefined when available. */
  readonly reason?: string;
}

/** The maintenance database tests create their databases from: `TEST_DATABASE_URL`. */
export function testDatabaseServerUrl(): string {
  return readProcessEnvironment().TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL;
}

function isRequired(): boolean {
  const value = readProcessEnvironment().TEST_POSTGRES_REQUIRED?.toLowerCase();
  return value === "1" || value === "true";
}

let availability: Promise<PostgresAvailability> | undefined;

/**
 * Whether the test PostgreSQL answers (checked once per process). When it does not and `TEST_POSTGRES_REQUIRED`
 * is `1`/`true` this rejects, so CI fails instead of silently skipping; otherwise tests skip with the reason
 * written to stderr.
 */
export function postgresAvailability(): Promise<PostgresAvailability> {
  availability ??= probe().then((result) => {
    if (result.available) return result;
    if (isRequired()) throw new Error(`TEST_POSTGRES_REQUIRED is set but ${result.reason}`);
    process.stderr.write(`[tests] skipping PostgreSQL tests: ${result.reason}\n`);
    return result;
  });
  return availability;
}

async function probe(): Promise<PostgresAvailability> {
  const client = new pg.Client({
    connectionString: testDatabaseServerUrl(),
    connectionTimeoutMillis: AVAILABILITY_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query("select 1");
    return { available: true };
  } catch (error) {
    return {
      available: false,
      reason: `PostgreSQL at TEST_DATABASE_URL is unreachable (${(error as Error).message})`,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function withAdminClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testDatabaseServerUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export interface TestPostgresOptions {
  /**
   * ICU locale for the database's default collation (e.g. `en-US`, which sorts `a` before `B` unlike byte order),
   * to prove code does not depend on the server's default collation. Default: the server's default.
   */
  readonly icuLocale?: string;
}

/** Creates a fresh, uniquely named database on the `TEST_DATABASE_URL` server. */
export async function createTestPostgresDatabase(
  options: TestPostgresOptions = {},
): Promise<TestPostgresDatabase> {
  const name = `portal_test_${process.pid}_${randomBytes(6).toString("hex")}`;
  const locale = options.icuLocale;
  if (locale !== undefined && !/^[A-Za-z0-9-]+$/.test(locale))
    throw new Error(`invalid ICU locale ${locale}`);
  const collation =
    locale === undefined ? "" : ` template template0 locale_provider icu icu_locale '${locale}'`;
  await withAdminClient((client) => client.query(`create database "${name}"${collation}`));
  const url = new URL(testDatabaseServerUrl());
  url.pathname = `/${name}`;
  let dropped: Promise<void> | undefined;
  return {
    url: url.toString(),
    name,
    drop() {
      dropped ??= withAdminClient(async (client) => {
        await client.query(`drop database if exists "${name}" with (force)`);
      });
      return dropped;
    },
  };
}
