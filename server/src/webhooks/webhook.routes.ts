import type { FastifyPluginAsync, FastifyRequest } from "fastify";
import type { Actor } from "../actor/actor.js";
import { DomainError, httpStatusOf } from "../errors/domain-error.js";
import { webhookDeadLetterRoutes } from "./webhook-dead-letter.routes.js";
import { webhookDeliveryRoutes } from "./webhook-delivery.routes.js";
import { webhookListenerRoutes } from "./webhook-listener.routes.js";
import { webhookQueueRoutes } from "./webhook-queue.routes.js";
import type { WebhookRoute } from "./webhook-route.js";
import type { WebhookServices } from "./webhook-services.js";

/** Every operation of the webhook REST facade, in the order of the OpenAPI document. */
export const webhookRouteTable: readonly WebhookRoute[] = [
  ...webhookListenerRoutes,
  ...webhookQueueRoutes,
  ...webhookDeadLetterRoutes,
  ...webhookDeliveryRoutes,
];

export interface WebhookRoutesOptions {
  /** The caller of the request (bearer token or session cookie), as the GraphQL context gets it. */
  readonly resolveActor: (request: FastifyRequest) => Promise<Actor>;
  readonly services: WebhookServices;
}

/**
 * The webhook REST facade (JSON under `/webhooks`, described by `schema/openapi/webhooks.json`). Domain errors
 * become `{ error: { code, message, fields? } }` with the status of their code.
 */
export function webhookRoutes(options: WebhookRoutesOptions): FastifyPluginAsync {
  return (app) => {
    options.services.metrics.register(app.metrics.registry);
    for (const route of webhookRouteTable) {
      app.route({
        method: route.method,
        url: route.path.replace(/\{(\w+)\}/g, ":$1"),
        handler: async (request, reply) => {
          void reply.header("cache-control", "no-store");
          try {
            const actor = await options.resolveActor(request);
            const result = await route.handle({
              actor,
              params: request.params as Record<string, string>,
              query: request.query,
              body: request.body,
              services: options.services,
            });
            void reply.code(result.status);
            return result.body === undefined ? reply.send() : reply.send(result.body);
          } catch (error) {
            if (!(error instanceof DomainError)) throw error;
            return reply.code(httpStatusOf(error.code)).send({
              error: {
                code: error.code,
                message: error.message,
                ...(error.details.fields ? { fields: error.details.fields } : {}),
              },
            });
          }
        },
      });
    }
    return Promise.resolve();
  };
}
