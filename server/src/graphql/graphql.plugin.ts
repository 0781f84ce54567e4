import { ApolloServer, type ApolloServerPlugin, type BaseContext } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import fastifyApollo from "@as-integrations/fastify";
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from "fastify";
import { GraphQLError, parse, type GraphQLSchema } from "graphql";
import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import { WebSocketServer } from "ws";
import { useServer } from "graphql-ws/use/ws";
import { compiledExecution } from "./compiled-execution.js";
import { formatGraphQLError, isUnexpectedError } from "./error-formatting.js";
import { createQueryLimiter, type QueryLimits } from "./query-limits.js";

type QueryLimiter = ReturnType<typeof createQueryLimiter>;

export const GRAPHQL_PATH = "/graphql";

export interface GraphQLPluginOptions<Context extends BaseContext & { requestId: string }> {
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly limits: QueryLimits;
  readonly maxQueryBytes: number;
  /** Builds the per-request context of an HTTP operation. */
  readonly httpContext: (request: FastifyRequest, reply: FastifyReply) => Promise<Context>;
  /** Builds the context of a WebSocket operation from the upgrade request and the `connection_init` payload. */
  readonly wsContext: (
    request: IncomingMessage,
    connectionParams: Readonly<Record<string, unknown>>,
  ) => Promise<Context>;
}

function limitsPlugin<Context extends BaseContext>(check: QueryLimiter): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didResolveOperation({ document, operationName, request, source }) {
          check(request.query ?? source, document, operationName ?? undefined, request.variables ?? {});
          return Promise.resolve();
        },
      });
    },
  };
}

function errorLoggingPlugin<Context extends BaseContext & { requestId: string }>(
  logger: Logger,
): ApolloServerPlugin<Context> {
  return {
    requestDidStart() {
      return Promise.resolve({
        didEncounterErrors({ errors, contextValue }) {
          for (const error of errors) {
            if (isUnexpectedError({ message: error.message, extensions: error.extensions }, error)) {
              logger.error(
                { err: error.originalError ?? error, requestId: contextValue.requestId, path: error.path },
                "unexpected GraphQL error",
              );
            }
          }
          return Promise.resolve();
        },
      });
    },
  };
}

/**
 * Mounts GraphQL on one port: queries and mutations over HTTP at /graphql (Apollo Server 5 on Fastify, CSRF
 * prevention on), subscriptions over graphql-ws on the same path.
 */
export function graphqlPlugin<Context extends BaseContext & { requestId: string }>(
  options: GraphQLPluginOptions<Context>,
): FastifyPluginAsync {
  return async (fastify) => {
    const checkLimits = createQueryLimiter(options.schema, options.limits);
    const wsServer = new WebSocketServer({ noServer: true, maxPayload: options.maxQueryBytes });
    const wsCleanup = useServer<Record<string, unknown>>(
      {
        schema: options.schema,
        isProd: true,
        context: (ctx) => options.wsContext(ctx.extra.request, ctx.connectionParams ?? {}),
        onSubscribe: (_ctx, _id, payload) => {
          try {
            const document = parse(payload.query);
            checkLimits(payload.query, document, payload.operationName ?? undefined, payload.variables ?? {});
          } catch (error) {
            if (error instanceof GraphQLError) return [error];
            throw error;
          }
          return undefined;
        },
        // Results sent over WebSocket get the same error codes and masking as HTTP responses.
        onNext: (_ctx, id, _payload, _args, result) => {
          if (!result.errors) return undefined;
          return {
            ...result,
            errors: result.errors.map((error) => {
              const formatted = formatGraphQLError(error.toJSON(), error);
              if (isUnexpectedError(error.toJSON(), error)) {
                options.logger.error(
                  { err: error.originalError ?? error, operationId: id, path: error.path },
                  "unexpected GraphQL error in a subscription",
                );
              }
              return formatted;
            }),
          };
        },
      },
      wsServer,
    );
    fastify.server.on("upgrade", (request, socket, head) => {
      const path = (request.url ?? "").split("?")[0];
      if (path !== GRAPHQL_PATH) return;
      wsServer.handleUpgrade(request, socket, head, (ws) => wsServer.emit("connection", ws, request));
    });

    const apollo = new ApolloServer<Context>({
      gateway: compiledExecution(options.schema),
      csrfPrevention: true,
      includeStacktraceInErrorResponses: false,
      formatError: formatGraphQLError,
      // No Apollo drain plugin: the HTTP server's graceful close (http/graceful-close.ts) drains requests, and
      // @as-integrations/fastify's drain plugin would call fastify.close() from inside the close (a deadlock).
      // Cache-control hints are unused (nothing caches GraphQL responses) and the plugin wraps every field resolver,
      // which roughly doubled execution time in a profile of the catalog query.
      plugins: [
        ApolloServerPluginCacheControlDisabled(),
        limitsPlugin(checkLimits),
        errorLoggingPlugin(options.logger),
      ],
    });
    await apollo.start();
    // WebSocket connections are detached from the HTTP server, so they are ended explicitly when closing starts.
    fastify.addHook("preClose", async () => {
      await wsCleanup.dispose();
      wsServer.close();
    });
    fastify.addHook("onClose", async () => {
      await apollo.stop();
    });
    await fastify.register(fastifyApollo(apollo), {
      path: GRAPHQL_PATH,
      method: ["GET", "POST", "OPTIONS"],
      context: options.httpContext,
    });
  };
}
