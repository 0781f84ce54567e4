import fastifyCookie from "@fastify/cookie";
import type { FastifyPluginAsync } from "fastify";
import type { GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import type { ActorResolver } from "../actor/actor-resolver.js";
import { auditLogRoutes } from "../audit/audit-log.routes.js";
import { portalGraphQLPlugin } from "../graphql/portal-graphql.plugin.js";
import { requestCredentials, requestOrigin } from "../http/request-credentials.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import { webhookRoutes } from "../webhooks/webhook.routes.js";
import { defaultPortalDistDir } from "../web-portal/web-portal.paths.js";
import { webPortalRoutes } from "../web-portal/web-portal.routes.js";
import type { PortalServices } from "./portal-services.js";

export interface PortalTransportOptions {
  readonly schema: GraphQLSchema;
  readonly services: PortalServices;
  readonly resolveActor: ActorResolver;
  readonly runtime: RuntimeConfig;
  readonly logger: Logger;
  /** `portal.urls.apiGateway`, allowed as a connection target for the API reference's "try it". */
  readonly apiGatewayUrl?: string;
}

/** Every transport on the portal's one port: GraphQL (HTTP + WebSocket) and the HTTP routes beside it. */
export function portalTransports(options: PortalTransportOptions): FastifyPluginAsync {
  return async (fastify) => {
    await fastify.register(fastifyCookie);
    await fastify.register(portalGraphQLPlugin(options));
    await fastify.register(
      auditLogRoutes({
        resolveActor: (request) => options.resolveActor(requestCredentials(request), requestOrigin(request)),
        service: options.services.auditLog,
      }),
    );
    await fastify.register(
      webhookRoutes({
        resolveActor: (request) => options.resolveActor(requestCredentials(request), requestOrigin(request)),
        services: options.services.webhooks,
      }),
    );
    await fastify.register(
      webPortalRoutes({ distDir: defaultPortalDistDir, apiGatewayUrl: options.apiGatewayUrl }),
    );
  };
}
