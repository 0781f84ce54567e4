import type { Logger } from "pino";
import type { BuiltInListener } from "./built-in-listener.js";
import { derivedListenerSecret } from "./listener-secret.js";
import { registerListener } from "./listener-registration.js";
import { startWebhookReceiver } from "./webhook-receiver.js";

export interface RunListenerOptions {
  readonly portalUrl: string;
  /** A read-write service account of the portal; the listener's signing secret is derived from it. */
  readonly token: string;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (an ephemeral port). */
  readonly port?: number;
  /** The URL the bridge calls; default `http://host:port/`. */
  readonly publicUrl?: string;
  /** Where delivery starts when the listener is registered for the first time; default `now`. */
  readonly from?: "now" | "earliest" | number;
  readonly logger: Logger;
  /** Aborts the registration retries (e.g. on shutdown while the portal is still down). */
  readonly signal?: AbortSignal;
}

export interface RunningListener {
  /** The URL registered at the portal. */
  readonly url: string;
  /** Stops receiving, then stops the listener. The registration stays: events wait for its return. */
  close(): Promise<void>;
}

/**
 * Runs a built-in listener: starts it, serves its webhook receiver, and registers it at the portal (retrying
 * until the portal answers). Nothing is deregistered on close: while it is away, its events wait in the log.
 */
export async function runBuiltInListener(
  listener: BuiltInListener,
  options: RunListenerOptions,
): Promise<RunningListener> {
  const logger = options.logger.child({ listener: listener.id });
  const secret = derivedListenerSecret(options.token, listener.id);
  await listener.start();
  let receiver;
  try {
    receiver = await startWebhookReceiver(listener, {
      secret,
      host: options.host ?? "127.0.0.1",
      port: options.port ?? 0,
      logger,
    });
  } catch (error) {
    await listener.stop();
    throw error;
  }
  const url = options.publicUrl ?? `${receiver.url}/`;
  try {
    await registerListener(
      { portalUrl: options.portalUrl, token: options.token },
      { id: listener.id, url, events: listener.events, secret, from: options.from ?? "now" },
      { logger, ...(options.signal ? { signal: options.signal } : {}) },
    );
  } catch (error) {
    await receiver.close();
    await listener.stop();
    throw error;
  }
  logger.info({ url, events: listener.events }, "listener registered and receiving");
  return {
    url,
    async close() {
      await receiver.close();
      await listener.stop();
    },
  };
}
