import { access } from "node:fs/promises";
import path from "node:path";
import { exitOnShutdownSignal } from "../app/shutdown-signals.js";
import { withoutSecretVariables } from "../app/start-portal.js";
import { closeGracefully } from "../http/graceful-close.js";
import { buildHttpServer } from "../http/http-server.js";
import { createLogger } from "../observability/logger.js";
import type { ReadinessReport } from "../observability/readiness.js";
import { readProcessEnvironment } from "../runtime-config/environment.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import { loadStaticConfig } from "../static-config/static-config.loader.js";
import { defaultPortalDistDir } from "./web-portal.paths.js";
import { webPortalRoutes } from "./web-portal.routes.js";

// Process entry of the web portal on its own (`node --import tsx/esm server/src/web-portal/web-portal.main.ts`): the
// built portal with the same routes and security headers as the full server, and nothing else (no database, no
// GraphQL). The docker-compose setup runs it as its own container behind HAProxy, which sends the server's paths
// to the server replicas. It reads HOST, PORT, LOG_LEVEL, PORTAL_SHUTDOWN_TIMEOUT_MS and PORTAL_CONFIG_DIR like the
// server: the static configuration's API gateway URL is part of the Content-Security-Policy.

/** Ready once the built portal is there; the static server has no database, so that check always passes. */
async function readiness(): Promise<ReadinessReport> {
  const built = await access(path.join(defaultPortalDistDir, "index.html")).then(
    () => true,
    () => false,
  );
  return {
    status: built ? "ok" : "unavailable",
    checks: { database: { ok: true, latencyMs: 0 }, config: { ok: built, hash: null } },
  };
}

try {
  const env = readProcessEnvironment();
  const config = loadRuntimeConfig(env, process.cwd());
  const logger = createLogger({ level: config.logLevel });
  const staticConfig = await loadStaticConfig(config.configDir, withoutSecretVariables(env));
  const app = buildHttpServer({
    config,
    logger,
    readiness,
    plugins: [
      webPortalRoutes({ distDir: defaultPortalDistDir, apiGatewayUrl: staticConfig.portal.urls.apiGateway }),
    ],
  });
  const address = await app.listen({ host: config.http.host, port: config.http.port });
  exitOnShutdownSignal(
    { close: () => closeGracefully(app, config.http.shutdownTimeoutMs).then(() => undefined) },
    logger,
    process,
  );
  process.stdout.write(`Web portal listening on ${address}\n`);
} catch (error) {
  process.stderr.write(
    `Web portal did not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
}
