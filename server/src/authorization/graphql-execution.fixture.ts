import { execute, parse, type GraphQLFormattedError, type GraphQLSchema } from "graphql";
import type { Kysely } from "kysely";
import type { Actor } from "../actor/actor.js";
import { createPortalServices } from "../app/portal-services.js";
import type { Tables } from "../database/tables.js";
import { formatGraphQLError } from "../graphql/error-formatting.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { buildPortalSchema } from "../graphql/schema.js";
import { testLogger } from "../testing/test-logger.js";
import type { CallerFixtures } from "./caller-fixtures.js";

let portalSchema: Promise<GraphQLSchema> | undefined;

/** The real portal schema, built once per test file. */
export function testSchema(): Promise<GraphQLSchema> {
  portalSchema ??= buildPortalSchema();
  return portalSchema;
}

/** A request context as the transport builds it, with the real services on `db`. */
export function testContext(
  db: Kysely<Tables>,
  fixtures: Pick<CallerFixtures, "staticConfig" | "runtime">,
  actor: Actor,
  clock: () => Date,
): GraphQLContext {
  const services = createPortalServices({
    db,
    config: fixtures.staticConfig,
    runtime: fixtures.runtime,
    logger: testLogger(),
    clock,
  });
  return contextWith(services, actor);
}

/** A request context with services a test built itself (e.g. on a database with a statement counter). */
export function contextWith(services: GraphQLContext["services"], actor: Actor): GraphQLContext {
  return {
    actor,
    requestId: "test-request",
    services,
    sessionCookie: { set: () => undefined, clear: () => undefined },
    loaders: new Map(),
  };
}

export interface TestResult<Data> {
  readonly data: Data | null | undefined;
  /** Errors as clients see them (`extensions.code`, `fields`, masked messages). */
  readonly errors: readonly GraphQLFormattedError[];
}

/** Executes a GraphQL document through the real schema as `actor`. */
export async function executeAs<Data = Record<string, unknown>>(
  context: GraphQLContext,
  source: string,
  variableValues: Record<string, unknown> = {},
): Promise<TestResult<Data>> {
  const result = await execute({
    schema: await testSchema(),
    document: parse(source),
    contextValue: context,
    variableValues,
  });
  return {
    data: result.data as Data | null | undefined,
    errors: (result.errors ?? []).map((error) => formatGraphQLError(error.toJSON(), error)),
  };
}
