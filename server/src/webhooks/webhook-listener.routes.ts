import {
  listenerParams,
  listenersResponse,
  listenerSchema,
  registerListenerBody,
  registeredResponse,
} from "./webhook-api.schemas.js";
import { defineWebhookRoute } from "./webhook-route.js";

/** Registering, listing, inspecting and deleting listeners: the reference system's paths. */
export const webhookListenerRoutes = [
  defineWebhookRoute({
    method: "PUT",
    path: "/webhooks/listeners/{id}",
    operationId: "registerListener",
    tag: "Listeners",
    summary: "Register or update a listener",
    description:
      "Creates the listener (201, with the generated secret once when none was given) or replaces its URL and event filter (200; only its owner or an administrator may). `secret` and `from` left out keep their values on an update; `events` left out means every event.",
    params: listenerParams,
    body: registerListenerBody,
    responses: {
      200: { description: "Updated.", schema: registeredResponse },
      201: { description: "Registered.", schema: registeredResponse },
    },
    errors: [400, 401, 403, 409],
    handle: async ({ actor, params, body, services }) => {
      const result = await services.listeners.register(actor, params.id, body);
      return {
        status: result.created ? 201 : 200,
        body: { listener: result.listener, secret: result.secret },
      };
    },
  }),
  defineWebhookRoute({
    method: "GET",
    path: "/webhooks/listeners",
    operationId: "listListeners",
    tag: "Listeners",
    summary: "List listeners",
    description:
      "A service account sees the listeners it registered; administrators and the delivery accounts see all, ordered by id.",
    responses: { 200: { description: "The listeners.", schema: listenersResponse } },
    errors: [401, 403],
    handle: async ({ actor, services }) => ({
      status: 200,
      body: { listeners: await services.listeners.list(actor) },
    }),
  }),
  defineWebhookRoute({
    method: "GET",
    path: "/webhooks/listeners/{id}",
    operationId: "getListener",
    tag: "Listeners",
    summary: "A listener with its backlog and delivery health",
    description: "Backlog, lag, last delivery and attempt, consecutive failures, dead letters and the lease.",
    params: listenerParams,
    responses: { 200: { description: "The listener.", schema: listenerSchema } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, services }) => ({
      status: 200,
      body: await services.listeners.get(actor, params.id),
    }),
  }),
  defineWebhookRoute({
    method: "DELETE",
    path: "/webhooks/listeners/{id}",
    operationId: "deleteListener",
    tag: "Listeners",
    summary: "Delete a listener",
    description:
      "Its position, dead letters and delivery attempts are deleted with it; the event log is not.",
    params: listenerParams,
    responses: { 204: { description: "Deleted." } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, services }) => {
      await services.listeners.delete(actor, params.id);
      return { status: 204 };
    },
  }),
];
