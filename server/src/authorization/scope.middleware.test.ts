import "reflect-metadata";
import { execute, parse, type GraphQLSchema } from "graphql";
import { buildSchema, Field, Mutation, ObjectType, Query, Resolver } from "type-graphql";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor, UserActor } from "../actor/actor.js";
import type { PortalServices } from "../app/portal-services.js";
import { formatGraphQLError } from "../graphql/error-formatting.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { buildPortalSchema } from "../graphql/schema.js";
import { DomainError } from "../errors/domain-error.js";
import { guardMutationScope } from "./scope.middleware.js";

const origin = { address: null, userAgent: null, requestId: null };
const writeUser: UserActor = {
  kind: "user",
  userId: "usr_1",
  email: "a@example.com",
  emailVerified: true,
  groups: [],
  isAdmin: true,
  isApprover: false,
  via: { kind: "token", tokenId: "pat_1" },
  scope: "write",
  origin,
};
const readUser: UserActor = { ...writeUser, scope: "read" };
const readService: Actor = { kind: "service", serviceAccountId: "mailer", scope: "read", origin };
const writeService: Actor = { kind: "service", serviceAccountId: "bridge", scope: "write", origin };

let sideEffects = 0;

@ObjectType({ description: "A thing." })
class Thing {
  @Field(() => String, { description: "Its name." })
  name: string;
}

/** A resolver whose mutation forgets to check the scope, as a careless noun might. */
@Resolver()
class CarelessResolver {
  @Query(() => Thing, { description: "Reads a thing." })
  thing(): Thing {
    return { name: "read" };
  }

  @Mutation(() => Thing, { description: "Changes something without asking the policy." })
  changeThing(): Thing {
    sideEffects += 1;
    return { name: "changed" };
  }
}

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = guardMutationScope(await buildSchema({ resolvers: [CarelessResolver], validate: false }));
});

async function run(actor: Actor, source: string) {
  const contextValue: GraphQLContext = {
    actor,
    requestId: "test",
    services: {} as PortalServices,
    sessionCookie: { set: () => undefined, clear: () => undefined },
    loaders: new Map(),
  };
  const result = await execute({ schema, document: parse(source), contextValue });
  const codes = (result.errors ?? []).map((e) => formatGraphQLError(e.toJSON(), e).extensions?.code);
  return { data: result.data, codes };
}

describe("mutation scope guard", () => {
  it("refuses every mutation of read-scoped tokens and service accounts before the resolver runs", async () => {
    sideEffects = 0;
    for (const actor of [readUser, readService]) {
      const result = await run(actor, "mutation { changeThing { name } }");
      expect(result.data).toBeNull();
      expect(result.codes).toEqual(["INSUFFICIENT_SCOPE"]);
    }
    expect(sideEffects).toBe(0);
  });

  it("lets read-scoped callers query", async () => {
    for (const actor of [readUser, readService]) {
      expect(await run(actor, "query { thing { name } }")).toEqual({
        data: { thing: { name: "read" } },
        codes: [],
      });
    }
  });

  it("lets write-scoped callers and the anonymous run mutations (their policies decide)", async () => {
    for (const actor of [writeUser, writeService, { kind: "anonymous", origin } as const]) {
      expect(await run(actor, "mutation { changeThing { name } }")).toEqual({
        data: { changeThing: { name: "changed" } },
        codes: [],
      });
    }
  });

  it("guards every mutation of the portal schema before its resolver touches anything", async () => {
    const portal = await buildPortalSchema();
    const fields = Object.values(portal.getMutationType()?.getFields() ?? {});
    expect(fields.length).toBeGreaterThan(20);
    const context = { actor: readUser } as GraphQLContext;
    for (const field of fields) {
      let refusal: unknown;
      try {
        // No services in the context: any resolver that ran would fail differently.
        await field.resolve?.(undefined, {}, context, {} as never);
      } catch (error) {
        refusal = error;
      }
      expect(refusal instanceof DomainError && refusal.code, field.name).toBe("INSUFFICIENT_SCOPE");
    }
  });
});
