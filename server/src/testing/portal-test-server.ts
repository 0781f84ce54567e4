import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startPortal, type RunningPortal } from "../app/start-portal.js";
import type { Dialect } from "../database/database.types.js";
import type { EventName, EventPayload } from "../events/event-catalogue.js";
import { TestGraphQLClient, type GraphQLClientOptions } from "./graphql-client.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";
import { testLogger } from "./test-logger.js";

export const SAMPLE_CONFIG_DIR = fileURLToPath(new URL("../../../deploy/config", import.meta.url));
export const TEST_ADMIN = { email: "admin@portal.test", password: "Admin-password-1234" } as const;

export interface PortalTestServer {
  readonly portal: RunningPortal;
  readonly url: string;
  readonly backend: Dialect;
  /** A fresh browser-like client (own cookie jar) or a script client with a bearer token. */
  client(options?: GraphQLClientOptions): TestGraphQLClient;
  /** The newest outbox event of that name (optionally matching a predicate), as the mailer would receive it. */
  lastEvent<N extends EventName>(
    name: N,
    where?: (payload: EventPayload<N>) => boolean,
  ): Promise<EventPayload<N>>;
  stop(): Promise<void>;
}

export interface PortalTestServerOptions {
  readonly backend?: Dialect;
  readonly configDir?: string;
  /** Extra environment variables (e.g. PORTAL_SERVICE_ACCOUNTS). */
  readonly env?: Record<string, string>;
}

/**
 * Starts the whole portal in-process on an ephemeral port, exactly as `npm start` composes it, on a fresh SQLite
 * file or PostgreSQL database with the sample static configuration and a known first administrator.
 */
export async function startPortalTestServer(
  options: PortalTestServerOptions = {},
): Promise<PortalTestServer> {
  const backend = options.backend ?? "sqlite";
  const database: TestDatabase = await createTestDatabase(backend);
  const dataDir = await mkdtemp(path.join(tmpdir(), "portal-test-data-"));
  let portal: RunningPortal;
  try {
    portal = await startPortal({
      env: {
        PORT: "0",
        PORTAL_DATA_DIR: dataDir,
        PORTAL_CONFIG_DIR: options.configDir ?? SAMPLE_CONFIG_DIR,
        DATABASE_URL: database.url,
        PORTAL_ADMIN_EMAIL: TEST_ADMIN.email,
        PORTAL_ADMIN_PASSWORD: TEST_ADMIN.password,
        ...options.env,
      },
      cwd: dataDir,
      logger: testLogger(),
    });
  } catch (error) {
    await database.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const db = portal.database.db;
  return {
    portal,
    url: portal.url,
    backend,
    client: (clientOptions) => new TestGraphQLClient(portal.url, clientOptions),
    async lastEvent(name, where) {
      const rows = await db
        .selectFrom("outbox_events")
        .select(["payload"])
        .where("event_name", "=", name)
        .orderBy("sequence", "desc")
        .execute();
      for (const row of rows) {
        const payload = JSON.parse(row.payload) as EventPayload<typeof name>;
        if (!where || where(payload)) return payload;
      }
      throw new Error(`no "${name}" event in the outbox`);
    },
    async stop() {
      await portal.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
