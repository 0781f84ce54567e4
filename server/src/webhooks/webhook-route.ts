import type { z } from "zod";
import type { Actor } from "../actor/actor.js";
import type { WebhookServices } from "./webhook-services.js";

/** What a handler receives: the caller, the raw path parameters, query and body, and the services. */
export interface WebhookRouteCall {
  readonly actor: Actor;
  readonly params: Readonly<Record<string, string>>;
  readonly query: unknown;
  readonly body: unknown;
  readonly services: WebhookServices;
}

export interface WebhookRouteResult {
  readonly status: number;
  /** Absent for 204 No Content. */
  readonly body?: unknown;
}

/**
 * One operation of the webhook REST facade: the HTTP route, its documentation, the zod schemas its service parses
 * (the OpenAPI document is generated from them), and a thin handler (caller + input → one service call).
 */
export interface WebhookRoute {
  readonly method: "GET" | "PUT" | "POST" | "DELETE";
  /** OpenAPI-style path, e.g. `/webhooks/listeners/{id}`. */
  readonly path: string;
  readonly operationId: string;
  readonly tag: "Listeners" | "Events" | "Dead letters" | "Delivery";
  readonly summary: string;
  readonly description: string;
  readonly params?: z.ZodObject;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: z.ZodType }>>;
  /** Error statuses this operation answers with the `{ error: { code, message } }` body. */
  readonly errors: readonly number[];
  readonly handle: (call: WebhookRouteCall) => Promise<WebhookRouteResult>;
}

export function defineWebhookRoute(route: WebhookRoute): WebhookRoute {
  return route;
}
