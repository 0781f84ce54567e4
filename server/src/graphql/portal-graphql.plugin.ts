import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError, type GraphQLSchema } from "graphql";
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import type { ActorResolver, Credentials } from "../actor/actor-resolver.js";
import type { CallOrigin } from "../actor/actor.js";
import type { PortalServices } from "../app/portal-services.js";
import type { RuntimeConfig } from "../runtime-config/runtime-config.js";
import {
  bearerToken,
  requestCredentials,
  requestOrigin,
  SESSION_COOKIE,
} from "../http/request-credentials.js";
import type { GraphQLContext, SessionCookieWriter } from "./graphql-context.js";
import { DomainError, httpStatusOf } from "../errors/domain-error.js";
import { graphqlPlugin } from "./graphql.plugin.js";
import { randomUUID } from "node:crypto";

export interface PortalGraphQLOptions {
  readonly schema: GraphQLSchema;
  readonly services: PortalServices;
  readonly resolveActor: ActorResolver;
  readonly runtime: Pick<RuntimeConfig, "graphql" | "http">;
  readonly logger: Logger;
}

function sessionCookieWriter(request: FastifyRequest, reply: FastifyReply): SessionCookieWriter {
  const secure = request.protocol === "https";
  return {
    set(token, expiresAt) {
      void reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: "lax",
        secure,
        path: "/",
        expires: expiresAt,
      });
    },
    clear() {
      void reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: "lax", secure, path: "/" });
    },
  };
}

/**
 * Errors thrown while building the context are not resolver errors: Apollo would mask them as a 500 unless they
 * are GraphQL errors already, so a bad token becomes UNAUTHENTICATED with status 401 here.
 */
function rejectAsGraphQLError(error: unknown): never {
  if (!(error instanceof DomainError)) throw error;
  throw new GraphQLError(error.message, {
    extensions: { code: error.code, http: { status: httpStatusOf(error.code) } },
  });
}

const noCookieWriter: SessionCookieWriter = { set() {}, clear() {} };

/**
 * The GraphQL endpoint of the portal (needs @fastify/cookie registered by the caller, see app/portal-transports.ts): resolves the calling actor from the session cookie or a bearer token
 * (HTTP headers, or the `connection_init` payload and upgrade request on WebSocket) and builds the context.
 */
export function portalGraphQLPlugin(options: PortalGraphQLOptions): FastifyPluginAsync {
  const context = async (
    credentials: Credentials,
    origin: CallOrigin,
    sessionCookie: SessionCookieWriter,
  ): Promise<GraphQLContext> => ({
    actor: await options.resolveActor(credentials, origin).catch(rejectAsGraphQLError),
    requestId: origin.requestId ?? randomUUID(),
    services: options.services,
    sessionCookie,
    loaders: new Map(),
  });

  return async (fastify) => {
    const parseCookies = (header: string | undefined) => (header ? fastify.parseCookie(header) : {});
    await fastify.register(
      graphqlPlugin<GraphQLContext>({
        schema: options.schema,
        logger: options.logger,
        limits: options.runtime.graphql,
        maxQueryBytes: options.runtime.http.bodyLimitBytes,
        httpContext: (request, reply) =>
          context(requestCredentials(request), requestOrigin(request), sessionCookieWriter(request, reply)),
        wsContext: (request: IncomingMessage, params) =>
          context(
            {
              sessionToken: parseCookies(request.headers.cookie)[SESSION_COOKIE] ?? null,
              bearerToken: bearerToken(params.authorization ?? request.headers.authorization),
            },
            {
              address: request.socket.remoteAddress ?? null,
              userAgent: request.headers["user-agent"] ?? null,
              requestId: null,
            },
            noCookieWriter,
          ),
      }),
    );
  };
}
