import { pino, type Logger } from "pino";
import type { BuiltInListener } from "./built-in-listener.js";
import { runBuiltInListener } from "./run-listener.js";

/** What every built-in listener's own process needs from its configuration. */
export interface ListenerProcessConfig {
  readonly portalUrl: string;
  readonly token: string;
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | null;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/**
 * Loads a listener's configuration for its own process, or exits 1 with every problem on stderr: a
 * configuration error names what is wrong; anything else is unexpected and printed as is.
 */
export function loadConfigOrExit<C>(load: () => C, isConfigError: (error: unknown) => boolean): C {
  try {
    return load();
  } catch (error) {
    process.stderr.write(
      `${isConfigError(error) && error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
}

export const listenerLogger = (service: string, config: ListenerProcessConfig): Logger =>
  pino({ level: config.logLevel, base: { service } });

/**
 * Runs a built-in listener as its own process (`bridge/src/<listener>/main.ts`): serves and registers it, and
 * stops it cleanly on SIGINT/SIGTERM (also while the portal is still unreachable). Exits 1 when it cannot start.
 */
export async function serveListenerProcess(
  listener: BuiltInListener,
  config: ListenerProcessConfig,
  logger: Logger,
): Promise<void> {
  const shutdown = new AbortController();
  const running = runBuiltInListener(listener, {
    portalUrl: config.portalUrl,
    token: config.token,
    host: config.host,
    port: config.port,
    ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}),
    logger,
    signal: shutdown.signal,
  });

  let stopping: Promise<void> | undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      logger.info({ signal }, "stopping");
      shutdown.abort();
      stopping ??= running
        .then((started) => started.close())
        .then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, "stopping failed");
            process.exit(1);
          },
        );
    });
  }

  try {
    const { url } = await running;
    logger.info({ url }, `${listener.id} listening`);
  } catch (error) {
    if (!shutdown.signal.aborted) {
      logger.fatal({ err: error }, `the ${listener.id} could not start`);
      process.exit(1);
    }
  }
}
