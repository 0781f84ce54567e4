import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { createPubSub } from "@graphql-yoga/subscription";
import { buildSchema } from "type-graphql";
import { guardMutationScope } from "../authorization/scope.middleware.js";
import { resolvers } from "./resolvers.js";

/** Builds the executable schema from the resolver classes. Validation is done by services (zod), not here. */
export async function buildPortalSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    // Required by type-graphql once any subscription exists; ours read the committed log (`services.liveEvents`).
    pubSub: createPubSub(),
    validate: false,
    emitSchemaFile: false,
  });
  return guardMutationScope(schema);
}

/** The committed SDL: sorted, so that the file changes only when the schema does. */
export function printPortalSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
