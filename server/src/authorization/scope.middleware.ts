import { defaultFieldResolver, type GraphQLSchema } from "graphql";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { requireWriteScope } from "./policy-guards.js";

/**
 * The one place that keeps read-only credentials (read-scoped personal access tokens and service accounts) away
 * from every mutation, whether or not a noun's policy remembers to check: it wraps the resolver of every root field
 * of the schema's Mutation type, so it holds for HTTP and WebSocket operations alike.
 *
 * Not a type-graphql global middleware: those wrap every field of every type (scalars included) in an async
 * middleware chain, which made each field of a query cost a few promises although only mutation roots are checked.
 *
 * `buildPortalSchema` (`graphql/schema.ts`) must pass the built schema through it.
 */
export function guardMutationScope(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (source, args, context: GraphQLContext, info) => {
      requireWriteScope(context.actor);
      return resolve(source, args, context, info);
    };
  }
  return schema;
}
