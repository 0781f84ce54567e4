import {
  attemptsQuery,
  attemptsResponse,
  deadLettersQuery,
  deadLettersResponse,
  listenerParams,
  redeliverBody,
  redeliverResponse,
} from "./webhook-api.schemas.js";
import { webhookEventJson } from "./webhook-listener.view.js";
import { defineWebhookRoute } from "./webhook-route.js";

/** Dead letters and the delivery ledger. */
export const webhookDeadLetterRoutes = [
  defineWebhookRoute({
    method: "GET",
    path: "/webhooks/listeners/{id}/dead-letters",
    operationId: "listDeadLetters",
    tag: "Dead letters",
    summary: "The listener's dead letters, oldest first",
    description:
      "Events the bridge gave up on after the configured attempts or age, with a copy of each event.",
    params: listenerParams,
    query: deadLettersQuery,
    responses: { 200: { description: "A page of dead letters.", schema: deadLettersResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, query, services }) => {
      const page = await services.deadLetters.list(actor, params.id, query);
      return {
        status: 200,
        body: {
          deadLetters: page.deadLetters.map((letter) => ({
            ...letter,
            event: webhookEventJson(letter.event),
          })),
          nextAfter: page.nextAfter,
        },
      };
    },
  }),
  defineWebhookRoute({
    method: "POST",
    path: "/webhooks/listeners/{id}/dead-letters/redeliver",
    operationId: "redeliverDeadLetters",
    tag: "Dead letters",
    summary: "Deliver dead letters again",
    description:
      "The chosen dead letters (all when `sequences` is left out) become pending before the log's events; once acknowledged they leave the dead letters.",
    params: listenerParams,
    body: redeliverBody,
    responses: { 200: { description: "How many will be delivered again.", schema: redeliverResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, body, services }) => ({
      status: 200,
      body: await services.deadLetters.redeliver(actor, params.id, body),
    }),
  }),
  defineWebhookRoute({
    method: "GET",
    path: "/webhooks/listeners/{id}/attempts",
    operationId: "listDeliveryAttempts",
    tag: "Dead letters",
    summary: "Recent delivery attempts, newest first",
    description: "The delivery ledger: each attempt with its events, status code, error and duration.",
    params: listenerParams,
    query: attemptsQuery,
    responses: { 200: { description: "Recent attempts.", schema: attemptsResponse } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, query, services }) => ({
      status: 200,
      body: { attempts: await services.ledger.recent(actor, params.id, query) },
    }),
  }),
];
