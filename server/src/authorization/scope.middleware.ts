import { OperationTypeNode } from "graphql";
import type { MiddlewareFn } from "type-graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { requireWriteScope } from "./policy-guards.js";

/**
 * The one place that keeps read-only credentials (read-scoped personal access tokens and service accounts) away
 * from every mutation, whether or not a noun's policy remembers to check: a type-graphql global middleware, so it
 * holds for HTTP and WebSocket operations alike. It checks the root fields of mutation operations only, so it
 * costs one comparison per field elsewhere.
 *
 * `buildPortalSchema` (`graphql/schema.ts`) must pass it to type-graphql as `globalMiddlewares: [scopeMiddleware]`.
 */
export const scopeMiddleware: MiddlewareFn<GraphQLContext> = ({ context, info }, next) => {
  if (info.operation.operation === OperationTypeNode.MUTATION && info.path.prev === undefined)
    requireWriteScope(context.actor);
  return next();
};
