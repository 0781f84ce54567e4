import {
  attemptParams,
  attemptResultBody,
  attemptResultResponse,
  claimBody,
  deadLetterBody,
  deadLetteredResponse,
  deliveryParams,
  deliveryResponse,
  leaseBody,
  leaseReleaseQuery,
  leaseResponse,
  listenerParams,
} from "./webhook-api.schemas.js";
import { defineWebhookRoute } from "./webhook-route.js";

/** What the bridge uses (delivery accounts only): leases, deliveries, attempt outcomes, dead-lettering. */
export const webhookDeliveryRoutes = [
  defineWebhookRoute({
    method: "PUT",
    path: "/webhooks/listeners/{id}/lease",
    operationId: "acquireLease",
    tag: "Delivery",
    summary: "Acquire or renew the delivery lease",
    description:
      "Succeeds when the lease is free, expired, or already held by `holder` (a renewal); 409 while another holder's lease runs. Answers the listener's URL, filter and signing secret. Renew well before `expiresAt`: a bridge that dies loses the lease when it expires.",
    params: listenerParams,
    body: leaseBody,
    responses: { 200: { description: "The lease.", schema: leaseResponse } },
    errors: [400, 401, 403, 404, 409],
    handle: async ({ actor, params, body, services }) => ({
      status: 200,
      body: await services.delivery.acquireLease(actor, params.id, body),
    }),
  }),
  defineWebhookRoute({
    method: "DELETE",
    path: "/webhooks/listeners/{id}/lease",
    operationId: "releaseLease",
    tag: "Delivery",
    summary: "Release the delivery lease",
    description: "Only the holder releases; for anyone else this changes nothing.",
    params: listenerParams,
    query: leaseReleaseQuery,
    responses: { 204: { description: "Released (or not held by `holder`)." } },
    errors: [400, 401, 403, 404],
    handle: async ({ actor, params, query, services }) => {
      await services.delivery.releaseLease(actor, params.id, query);
      return { status: 204 };
    },
  }),
  defineWebhookRoute({
    method: "POST",
    path: "/webhooks/listeners/{id}/deliveries",
    operationId: "claimDelivery",
    tag: "Delivery",
    summary: "Claim the next delivery",
    description:
      "The next batch of pending events with its `webhook-id` (`deliveryId`) and a new attempt. Until the batch is acknowledged, the same events come back with the same id; after a failed attempt of several events only the first one comes back (so one poison event cannot hold the others). 204 when nothing is pending. Needs the lease.",
    params: listenerParams,
    body: claimBody,
    responses: {
      200: { description: "A delivery to attempt.", schema: deliveryResponse },
      204: { description: "Nothing is pending." },
    },
    errors: [400, 401, 403, 404, 409],
    handle: async ({ actor, params, body, services }) => {
      const delivery = await services.delivery.claim(actor, params.id, body);
      return delivery ? { status: 200, body: delivery } : { status: 204 };
    },
  }),
  defineWebhookRoute({
    method: "PUT",
    path: "/webhooks/listeners/{id}/attempts/{attemptId}",
    operationId: "recordAttempt",
    tag: "Delivery",
    summary: "Record an attempt's outcome",
    description:
      "A 2xx status acknowledges the delivery's events; anything else (or no answer) counts as a failure, with the attempt number and the time of the first attempt in the answer, for the bridge's retry and dead-letter decision. Needs the lease.",
    params: attemptParams,
    body: attemptResultBody,
    responses: { 200: { description: "Recorded.", schema: attemptResultResponse } },
    errors: [400, 401, 403, 404, 409],
    handle: async ({ actor, params, body, services }) => ({
      status: 200,
      body: await services.delivery.recordAttempt(actor, params.id, params.attemptId, body),
    }),
  }),
  defineWebhookRoute({
    method: "POST",
    path: "/webhooks/listeners/{id}/deliveries/{deliveryId}/dead-letter",
    operationId: "deadLetterDelivery",
    tag: "Delivery",
    summary: "Move the current delivery to the dead letters",
    description:
      "Its events become dead letters, the position moves past them so later events flow, and `webhook_listener.dead_lettered` is raised as an alert. Needs the lease.",
    params: deliveryParams,
    body: deadLetterBody,
    responses: { 200: { description: "Dead-lettered.", schema: deadLetteredResponse } },
    errors: [400, 401, 403, 404, 409],
    handle: async ({ actor, params, body, services }) => ({
      status: 200,
      body: await services.delivery.deadLetter(actor, params.id, params.deliveryId, body),
    }),
  }),
];
