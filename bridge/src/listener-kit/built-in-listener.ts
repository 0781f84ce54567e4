import type { IncomingHttpHeaders } from "node:http";
import type { WebhookEvent } from "../portal-client.js";

/** What a listener reports on `GET /healthz`: degraded still answers 200 (it works, with trouble), down 503. */
export interface ListenerHealth {
  readonly status: "ok" | "degraded" | "down";
  readonly detail?: Readonly<Record<string, unknown>>;
}

export interface ListenerRequest {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

export interface ListenerResponse {
  readonly status: number;
  readonly body: unknown;
  /** Defaults to application/json (the body is serialized); text/plain sends a string body as is. */
  readonly contentType?: "application/json" | "text/plain; version=0.0.4";
}

/** An extra HTTP route of a listener (e.g. `POST /resync`); the listener checks authorization itself. */
export interface ListenerRoute {
  readonly method: "GET" | "POST";
  readonly path: string;
  handle(request: ListenerRequest): Promise<ListenerResponse>;
}

export interface DeliveryInfo {
  /** The Standard Webhooks `webhook-id`: the same for every attempt of the same batch. */
  readonly webhookId: string;
}

/**
 * A built-in webhook listener (Kong adapter, mailer, chatbot): an ordinary listener of the bridge protocol that
 * the bridge process can host, or that runs as its own process (`runBuiltInListener`).
 */
export interface BuiltInListener {
  /** The listener id at the portal. */
  readonly id: string;
  /** The event filter (names or `entity.*` patterns); empty means every event. */
  readonly events: readonly string[];
  /** Called once, before the listener is registered and receives anything. */
  start(): Promise<void>;
  /** Handles one batch, oldest event first. Resolving acknowledges the batch; throwing gets it again later. */
  handle(events: readonly WebhookEvent[], delivery: DeliveryInfo): Promise<void>;
  health(): ListenerHealth;
  readonly routes?: readonly ListenerRoute[];
  stop(): Promise<void>;
}
