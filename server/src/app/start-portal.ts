import "reflect-metadata";
import type { AddressInfo } from "node:net";
import type { DatabaseHandle } from "../database/database.types.js";
import { buildPortalSchema } from "../graphql/schema.js";
import { variables } from "../runtime-config/runtime-config.variables.js";
import { createHousekeeping } from "../maintenance/housekeeping.js";
import { ensureFirstAdministrator, type FirstAdministratorResult } from "../users/first-administrator.js";
import { createActorResolver } from "./actor-resolution.js";
import { createPortalServices, type PortalServices } from "./portal-services.js";
import { portalTransports } from "./portal-transports.js";
import { openDatabase } from "../database/database.js";
import { migrateToLatest } from "../database/migrator.js";
import { closeGracefully } from "../http/graceful-close.js";
import { buildHttpServer, type HttpServer } from "../http/http-server.js";
import { createLogger, type Logger } from "../observability/logger.js";
import { createReadinessCheck } from "../observability/readiness.js";
import type { Environment } from "../runtime-config/environment.js";
import { loadRuntimeConfig, type RuntimeConfig } from "../runtime-config/runtime-config.js";
import { loadStaticConfig } from "../static-config/static-config.js";
import { bootStep } from "./boot-error.js";

export interface StartPortalOptions {
  /** Environment snapshot (see `readProcessEnvironment`); the only source of runtime settings. */
  readonly env: Environment;
  /** Relative paths in the environment are resolved against this directory. */
  readonly cwd: string;
  /** Defaults to JSON lines on stdout at the configured `LOG_LEVEL`. */
  readonly logger?: Logger;
}

export interface RunningPortal {
  /** Where the server listens, e.g. `http://127.0.0.1:3000` (the real port when `PORT=0`). */
  readonly url: string;
  readonly configHash: string;
  readonly config: RuntimeConfig;
  readonly logger: Logger;
  readonly services: PortalServices;
  readonly database: DatabaseHandle;
  /** Whether this start created the first administrator, and the generated password to print once. */
  readonly firstAdministrator: FirstAdministratorResult;
  /**
   * Stops accepting connections, lets in-flight requests finish (at most `PORTAL_SHUTDOWN_TIMEOUT_MS`), then closes
   * the database. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/**
 * The composition root. Order matters: everything that can be checked without side effects (environment, static
 * configuration) is checked before the database is opened, so a configuration mistake writes nothing. Any failure
 * rejects with a `BootError` naming the step, after undoing the steps already done.
 */
export async function startPortal(options: StartPortalOptions): Promise<RunningPortal> {
  const config = await bootStep("runtime configuration", () => loadRuntimeConfig(options.env, options.cwd));
  const logger = options.logger ?? createLogger({ level: config.logLevel });

  const staticConfig = await bootStep("static configuration", () =>
    loadStaticConfig(config.configDir, withoutSecretVariables(options.env)),
  );
  logger.info({ configDir: config.configDir, configHash: staticConfig.hash }, "static configuration loaded");

  const database = await bootStep(
    "database",
    () => openDatabase(config.database, logger),
    (error) => `Cannot open the ${config.database.kind} database: ${messageOf(error)}`,
  );

  let app: HttpServer | undefined;
  let firstAdministrator: FirstAdministratorResult;
  const clock = () => new Date();
  const services = createPortalServices({
    db: database.db,
    config: staticConfig,
    runtime: config,
    logger,
    clock,
    outboxCommits: database.outboxCommits,
  });
  const housekeeping = createHousekeeping({
    db: database.db,
    auditLog: services.auditLog,
    eventLog: services.eventLog,
    logger,
    clock,
  });
  try {
    await bootStep(
      "database migration",
      () => migrateToLatest(database, logger),
      (error) => `Cannot migrate the database: ${messageOf(error)}`,
    );
    firstAdministrator = await bootStep("first administrator", () =>
      ensureFirstAdministrator(
        { db: database.db, config: staticConfig, logger, clock },
        config.firstAdministrator,
      ),
    );
    const schema = await bootStep("GraphQL schema", () => buildPortalSchema());
    const resolveActor = createActorResolver({
      db: database.db,
      config: staticConfig,
      serviceAccounts: config.serviceAccounts,
      clock,
    });
    const server = buildHttpServer({
      config,
      logger,
      readiness: createReadinessCheck({ ping: () => database.ping(), configHash: () => staticConfig.hash }),
      plugins: [
        portalTransports({
          schema,
          services,
          resolveActor,
          runtime: config,
          logger,
          apiGatewayUrl: staticConfig.portal.urls.apiGateway,
        }),
      ],
    });
    app = server;
    await bootStep(
      "http listener",
      () => server.listen({ host: config.http.host, port: config.http.port }),
      (error) => `Cannot listen on ${config.http.host}:${config.http.port}: ${messageOf(error)}`,
    );
  } catch (error) {
    await app?.close().catch(() => undefined);
    await database.close().catch(() => undefined);
    throw error;
  }

  const server = app;
  for (const job of housekeeping) job.start();
  await services.liveEvents.start();
  const url = urlOf(server.server.address() as AddressInfo);
  logger.info({ url, configHash: staticConfig.hash, database: database.dialect }, "API portal listening");

  let closing: Promise<void> | undefined;
  const close = async () => {
    logger.info({ timeoutMs: config.http.shutdownTimeoutMs }, "shutting down: draining in-flight requests");
    const { forced } = await closeGracefully(server, config.http.shutdownTimeoutMs);
    await Promise.all(housekeeping.map((job) => job.stop()));
    await services.liveEvents.stop();
    await database.close();
    logger.info({ forced }, "API portal stopped");
  };
  return {
    url,
    configHash: staticConfig.hash,
    config,
    logger,
    services,
    database,
    firstAdministrator,
    close: () => (closing ??= close()),
  };
}

/**
 * The static configuration may reference any environment variable except the portal's own secrets, so that a
 * commit to the config repository cannot publish, say, the database password in a page title.
 */
export function withoutSecretVariables(env: Environment): Environment {
  const secrets = variables.filter((v) => "secret" in v && v.secret).map((v) => v.name);
  const copy = { ...env };
  for (const name of secrets) {
    delete copy[name];
    delete copy[`${name}_FILE`];
  }
  return copy;
}

function urlOf(address: AddressInfo): string {
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
