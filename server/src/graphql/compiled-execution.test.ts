import {
  execute,
  GraphQLError,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type DocumentNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { compiledExecution } from "./compiled-execution.js";

class Refused extends Error {}

const item = new GraphQLObjectType({
  name: "Item",
  fields: {
    id: { type: new GraphQLNonNull(GraphQLString) },
    size: { type: GraphQLInt, resolve: (source: { id: string }) => source.id.length },
    secret: {
      type: GraphQLString,
      resolve: () => {
        throw new Refused("not for you");
      },
    },
    required: { type: new GraphQLNonNull(GraphQLString), resolve: () => null },
  },
});

const schema = new GraphQLSchema({
  query: new GraphQLObjectType({
    name: "Query",
    fields: {
      items: {
        type: new GraphQLList(item),
        args: { prefix: { type: GraphQLString } },
        resolve: (_source, args: { prefix?: string }, context: { ids: string[] }) =>
          Promise.resolve(context.ids.filter((id) => id.startsWith(args.prefix ?? "")).map((id) => ({ id }))),
      },
      coded: {
        type: GraphQLString,
        resolve: () => {
          throw new GraphQLError("coded", { extensions: { code: "FORBIDDEN" } });
        },
      },
    },
  }),
});

/**
 * Runs the operation twice through one gateway: the first time on graphql-js, then compiled. Returns the compiled
 * run's result after checking that both runs agree.
 */
async function runCompiled(document: DocumentNode, operationName: string | null, variables = {}) {
  const gateway = compiledExecution(schema);
  const { executor } = await gateway.load({
    apollo: { key: undefined, keyHash: undefined, graphRef: undefined },
  });
  if (!executor) throw new Error("no executor");
  const run = () =>
    executor({
      document,
      operationName,
      request: { variables },
      context: { ids: ["apple", "avocado", "banana"] },
    } as unknown as Parameters<typeof executor>[0]);
  const interpreted = await run();
  const compiled = await run();
  expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(interpreted)));
  return compiled;
}

describe("compiled execution", () => {
  it("gives graphql-js's results, including errors with their path, locations and cause", async () => {
    const document = parse(`query Q($prefix: String) { items(prefix: $prefix) { id size secret } coded }`);
    const compiled = await runCompiled(document, "Q", { prefix: "a" });
    const interpreted = await execute({
      schema,
      document,
      contextValue: { ids: ["apple", "avocado", "banana"] },
      variableValues: { prefix: "a" },
    });
    expect(JSON.parse(JSON.stringify(compiled))).toEqual(JSON.parse(JSON.stringify(interpreted)));
    const refused = compiled.errors?.find((error) => error.message === "not for you");
    expect(refused).toBeInstanceOf(GraphQLError);
    expect(refused?.originalError).toBeInstanceOf(Refused);
    expect(refused?.path).toEqual(["items", 0, "secret"]);
    expect(refused?.extensions).toEqual({});
    const coded = compiled.errors?.find((error) => error.message === "coded");
    expect(coded?.extensions).toEqual({ code: "FORBIDDEN" });
  });

  it("reports a null in a non-null field like graphql-js, with extensions Apollo can format", async () => {
    const document = parse(`{ items { id required } }`);
    const compiled = await runCompiled(document, null);
    expect(compiled.data).toEqual({ items: [null, null, null] });
    expect(compiled.errors?.[0]?.message).toBe("Cannot return null for non-nullable field Item.required.");
    expect(compiled.errors?.[0]?.extensions).toEqual({});
  });

  it("runs the named operation of a document with several, each compiled separately", async () => {
    const document = parse(`query Ids { items { id } } query Sizes { items { size } }`);
    const gateway = compiledExecution(schema);
    const { executor } = await gateway.load({
      apollo: { key: undefined, keyHash: undefined, graphRef: undefined },
    });
    const run = (operationName: string) =>
      executor?.({
        document,
        operationName,
        request: { variables: {} },
        context: { ids: ["kiwi"] },
      } as unknown as Parameters<NonNullable<typeof executor>>[0]);
    expect((await run("Ids"))?.data).toEqual({ items: [{ id: "kiwi" }] });
    expect((await run("Sizes"))?.data).toEqual({ items: [{ size: 4 }] });
    expect((await run("Ids"))?.data).toEqual({ items: [{ id: "kiwi" }] });
  });

  it("hands Apollo the schema it compiles against", () => {
    const gateway = compiledExecution(schema);
    let received: GraphQLSchema | undefined;
    gateway.onSchemaLoadOrUpdate(({ apiSchema }) => (received = apiSchema));
    expect(received).toBe(schema);
  });
});
