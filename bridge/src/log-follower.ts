import { createClient, type Client } from "graphql-ws";
import type { Logger } from "pino";
import WebSocket from "ws";
import { backoffDelay } from "./backoff.js";
import { WakeSignal } from "./wake-signal.js";

const subscription = `subscription ($from: SafeInt) { eventLog(from: $from) { sequence name } }`;

export interface LogFollowerOptions {
  readonly portalUrl: string;
  readonly token: string;
  readonly logger: Logger;
  /** A committed event (only its name and sequence are needed: the deliveries themselves are claimed). */
  readonly onEvent: (name: string, sequence: number) => void;
  /** The stream is (again) live: anything may have happened while it was not. */
  readonly onConnected: () => void;
}

export interface LogFollower {
  /** True while the live stream is up; while it is down, listeners are polled instead. */
  readonly connected: boolean;
  start(): void;
  stop(): Promise<void>;
}

/**
 * Follows the portal's event log over graphql-ws (`eventLog` subscription). After a disconnect it subscribes
 * again from the sequence after the last one it received, so no change goes unnoticed; deliveries themselves are
 * always claimed from the facade at the listener's acknowledged position, so the stream only says "something
 * happened" and correctness never depends on it.
 */
export function createLogFollower(options: LogFollowerOptions): LogFollower {
  const wsUrl = `${options.portalUrl.replace(/^http/, "ws")}/graphql`;
  let stopped = false;
  let connected = false;
  let lastSequence: number | null = null;
  let client: Client | undefined;
  let loop: Promise<void> | undefined;
  const pause = new WakeSignal();

  const followOnce = async (): Promise<void> => {
    client = createClient({
      url: wsUrl,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${options.token}` },
      retryAttempts: 0,
      lazy: true,
      on: {
        connected: () => {
          connected = true;
          options.onConnected();
        },
        closed: () => {
          connected = false;
        },
      },
    });
    const from = lastSequence === null ? null : lastSequence + 1;
    for await (const result of client.iterate<{ eventLog: { sequence: number; name: string } }>({
      query: subscription,
      variables: { from },
    })) {
      if (result.errors?.length) throw new Error(result.errors.map((e) => e.message).join("; "));
      const event = result.data?.eventLog;
      if (!event) continue;
      lastSequence = event.sequence;
      options.onEvent(event.name, event.sequence);
    }
  };

  const run = async (): Promise<void> => {
    let failures = 0;
    while (!stopped) {
      try {
        await followOnce();
        failures = 0;
      } catch (error) {
        failures += 1;
        if (!stopped)
          options.logger.warn({ err: error, failures }, "event log stream lost; polling until it is back");
      } finally {
        connected = false;
        await client?.dispose();
        client = undefined;
      }
      if (!stopped) await pause.wait(backoffDelay(failures, 250, 10_000));
    }
  };

  return {
    get connected() {
      return connected;
    },
    start() {
      loop ??= run();
    },
    async stop() {
      stopped = true;
      pause.wake();
      await client?.dispose();
      await loop;
    },
  };
}
