import type { HttpServer } from "./http-server.js";

export interface GracefulCloseResult {
  /** True when in-flight requests outlived the timeout and their connections were cut. */
  readonly forced: boolean;
}

/**
 * Stops accepting connections, lets in-flight requests finish (idle keep-alive connections are closed at once,
 * busy ones after their response) and runs Fastify's onClose hooks. Connections still busy after `timeoutMs` are
 * destroyed.
 */
export async function closeGracefully(app: HttpServer, timeoutMs: number): Promise<GracefulCloseResult> {
  let forced = false;
  const timer = setTimeout(() => {
    forced = true;
    app.log.warn({ timeoutMs }, "shutdown timeout reached; closing the remaining connections");
    app.server.closeAllConnections();
  }, timeoutMs);
  try {
    await app.close();
  } finally {
    clearTimeout(timer);
  }
  return { forced };
}
