import {
  acknowledgedResponse,
  eventParams,
  listenerParams,
  pendingQuery,
  pendingResponse,
  replayBody,
  replayResponse,
} from "./webhook-api.schemas.js";
import { defineWebhookRoute } from "./webhook-route.js";

/** Pending events, acknowledgements and replays. */
export const webhookQueueRoutes = [
  defineWebhookRoute({
    method: "GET",
    path: "/webhooks/events/{id}",
    operationId: "listPendingEvents",
    tag: "Events",
    summary: "The listener's pending events, oldest first",
    description:
      "Events after the listener's position that match its filter, preceded by dead letters being delivered again. A JSON array, like the reference system.",
    params: listenerParams,
    query: pendingQuery,
    responses: { 200: { description: "Pending events.", schema: pendingResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, query, services }) => ({
      status: 200,
      body: await services.queue.pending(actor, params.id, query),
    }),
  }),
  defineWebhookRoute({
    method: "DELETE",
    path: "/webhooks/events/{id}/{eventId}",
    operationId: "acknowledgeEvent",
    tag: "Events",
    summary: "Acknowledge an event (and every earlier pending one)",
    description:
      "Acknowledgements are positions in the log: acknowledging event N moves the listener's position to N, so every earlier pending event is acknowledged too. Acknowledging an event twice changes nothing.",
    params: eventParams,
    responses: { 200: { description: "Acknowledged.", schema: acknowledgedResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, services }) => ({
      status: 200,
      body: await services.queue.acknowledge(actor, params.id, params.eventId),
    }),
  }),
  defineWebhookRoute({
    method: "DELETE",
    path: "/webhooks/events/{id}",
    operationId: "acknowledgeAllEvents",
    tag: "Events",
    summary: "Acknowledge every pending event",
    description: "Moves the position to the newest event of the log (the reference system's flush).",
    params: listenerParams,
    responses: { 200: { description: "Acknowledged.", schema: acknowledgedResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, services }) => ({
      status: 200,
      body: await services.queue.acknowledgeAll(actor, params.id),
    }),
  }),
  defineWebhookRoute({
    method: "POST",
    path: "/webhooks/listeners/{id}/replay",
    operationId: "replayEvents",
    tag: "Events",
    summary: "Deliver again from a sequence or a time",
    description:
      "Sets the position so that delivery starts again at `from` (a sequence) or at the first event at or after `since`. Events older than the retention period are gone.",
    params: listenerParams,
    body: replayBody,
    responses: { 200: { description: "The new position and backlog.", schema: replayResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, body, services }) => ({
      status: 200,
      body: await services.queue.replay(actor, params.id, body),
    }),
  }),
];
