import type { Logger } from "pino";
import type { BridgeConfig } from "./bridge-config.js";
import { matchesPatterns } from "./event-patterns.js";
import { ListenerWorker } from "./listener-worker.js";
import { createLogFollower, type LogFollower } from "./log-follower.js";
import { PortalClient } from "./portal-client.js";

export interface Bridge {
  start(): Promise<void>;
  /** Stops every worker (releasing its lease) and the event stream. */
  stop(): Promise<void>;
}

/**
 * The bridge: follows the event log, keeps one worker per registered listener, and wakes the workers whose
 * filter matches each new event. It keeps no state of its own; several replicas may run, and the portal's
 * delivery leases make sure only one of them delivers to a given listener at a time.
 */
export function createBridge(config: BridgeConfig, logger: Logger): Bridge {
  const client = new PortalClient(config.portalUrl, config.token);
  const workers = new Map<string, ListenerWorker>();
  let refreshTimer: NodeJS.Timeout | undefined;
  let refreshing: Promise<void> | undefined;
  let stopped = false;

  const follower: LogFollower = createLogFollower({
    portalUrl: config.portalUrl,
    token: config.token,
    logger,
    onEvent: (name) => {
      for (const worker of workers.values()) if (matchesPatterns(worker.events, name)) worker.wake();
      if (name.startsWith("webhook_listener.")) void refresh();
    },
    onConnected: () => {
      logger.info("following the event log live");
      for (const worker of workers.values()) worker.wake();
    },
  });

  const synchronize = async (): Promise<void> => {
    const listeners = await client.listListeners();
    const ids = new Set(listeners.map((listener) => listener.id));
    for (const [id, worker] of workers) {
      if (ids.has(id)) continue;
      workers.delete(id);
      await worker.stop();
      logger.info({ listenerId: id }, "listener gone; its worker stopped");
    }
    for (const listener of listeners) {
      let worker = workers.get(listener.id);
      if (!worker) {
        worker = new ListenerWorker({
          listenerId: listener.id,
          config,
          client,
          logger,
          streamConnected: () => follower.connected,
        });
        workers.set(listener.id, worker);
        worker.update(listener);
        worker.start();
        logger.info({ listenerId: listener.id }, "listener found; its worker started");
      } else {
        worker.update(listener);
      }
    }
  };

  const refresh = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    refreshing ??= synchronize()
      .catch((error: unknown) =>
        logger.warn({ err: error }, "listing the webhook listeners failed; retrying"),
      )
      .finally(() => {
        refreshing = undefined;
      });
    return refreshing;
  };

  return {
    async start() {
      logger.info({ portalUrl: config.portalUrl, holder: config.holderId }, "bridge starting");
      follower.start();
      await refresh();
      refreshTimer = setInterval(() => void refresh(), config.listenerRefreshMs);
    },
    async stop() {
      stopped = true;
      clearInterval(refreshTimer);
      await refreshing;
      await Promise.all([...workers.values()].map((worker) => worker.stop()));
      workers.clear();
      await follower.stop();
      logger.info("bridge stopped");
    },
  };
}
