import "reflect-metadata";
import { expect, it } from "vitest";
import type { Actor } from "../actor/actor.js";
import { insertApplication } from "../applications/application.repository.js";
import { insertMember } from "../applications/application-member.repository.js";
import { contextWith, executeAs } from "../authorization/graphql-execution.fixture.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { createWorld, failureOf, subscribe, type World } from "../subscriptions/subscription.fixtures.js";
import { describeEachBackend } from "../testing/backends.js";
import { statementCounter } from "../testing/statement-counter.js";

const consumersQuery = `query ($first: Int, $after: String, $filter: GatewayConsumerFilterInput) {
  gatewayConsumers(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { subscriptionId applicationId apiId planId status clientType redirectUris
      credentials { id kind apiKey clientId clientSecret expiresAt } } }
  }
}`;

interface ConsumersPage {
  gatewayConsumers: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        subscriptionId: string;
        applicationId: string;
        apiId: string;
        planId: string;
        status: string;
        clientType: string;
        redirectUris: string[];
        credentials: {
          id: string;
          kind: string;
          apiKey: string | null;
          clientId: string | null;
          clientSecret: string | null;
          expiresAt: string | null;
        }[];
      };
    }[];
  };
}

async function run<Data>(
  services: GraphQLContext["services"],
  actor: Actor,
  source: string,
  variableValues: Record<string, unknown> = {},
) {
  const result = await executeAs<Data>(contextWith(services, actor), source, variableValues);
  return { data: result.data ?? undefined, errors: result.errors.map((error) => error.extensions?.code) };
}

/** `count` applications subscribed to orders/basic (approved at once), owned by the world's owner. */
async function seedApplications(world: World, count: number): Promise<string[]> {
  const { owner } = world.users;
  const at = world.clock.now.toISOString();
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const id = `gw-app-${String(i).padStart(2, "0")}`;
    await insertApplication(world.db, {
      id,
      name: id,
      description: "",
      clientType: "confidential",
      redirectUris: [`https://${id}.example/cb`],
      createdBy: owner.userId,
      createdAt: at,
      updatedAt: at,
    });
    await insertMember(world.db, { applicationId: id, userId: owner.userId, role: "owner", addedAt: at });
    ids.push((await subscribe(world, owner, id, "orders", "basic")).id);
  }
  return ids;
}

describeEachBackend("the gateway's desired state", (getHandle) => {
  it("pages every consumer with credentials in a fixed number of statements, whatever the page size", async () => {
    const world = await createWorld(getHandle().db);
    const ids = await seedApplications(world, 30);
    // Not consumers: a subscription waiting for approval.
    await subscribe(world, world.users.owner, world.shopApp, "orders", "premium");

    const counter = statementCounter();
    const counted = world.servicesOn(world.db.withPlugin(counter.plugin));
    const measure = async (first: number) => {
      counter.reset();
      const result = await run<ConsumersPage>(counted, world.bridge, consumersQuery, { first });
      expect(result.errors).toEqual([]);
      return { page: result.data!.gatewayConsumers, statements: counter.count() };
    };
    const small = await measure(3);
    const large = await measure(30);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(4); // page, count, applications, credentials
    expect(large.page.totalCount).toBe(30);
    expect(large.page.edges.map((edge) => edge.node.subscriptionId)).toEqual([...ids].sort());
    const first = large.page.edges[0]!.node;
    expect(first).toMatchObject({
      apiId: "orders",
      planId: "basic",
      status: "APPROVED",
      clientType: "CONFIDENTIAL",
    });
    expect(first.redirectUris).toEqual([`https://${first.applicationId}.example/cb`]);
    expect(first.credentials).toHaveLength(1);
    expect(first.credentials[0]).toMatchObject({ kind: "API_KEY", clientId: null, expiresAt: null });
    expect(first.credentials[0]!.apiKey).toMatch(/^[\w-]{43}$/);

    const walked: string[] = [];
    let after: string | null = null;
    do {
      const page: ConsumersPage["gatewayConsumers"] = (
        await run<ConsumersPage>(world.services, world.bridge, consumersQuery, { first: 7, after })
      ).data!.gatewayConsumers;
      walked.push(...page.edges.map((edge) => edge.node.subscriptionId));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(walked).toEqual([...ids].sort());
  });

  it("filters by subscription, API and application ids, and lists both credentials during a rotation", async () => {
    const world = await createWorld(getHandle().db);
    const [one, two] = await seedApplications(world, 3);
    const payments = await subscribe(world, world.users.owner, world.shopApp, "payments", "basic");
    world.clock.advance(60);
    await world.services.subscriptions.credentials.rotate(world.users.owner, {
      subscriptionId: one,
      overlapSeconds: 3600,
    });

    const bySubscription = await run<ConsumersPage>(world.services, world.bridge, consumersQuery, {
      filter: { subscriptionIds: [one, two, "no-such-subscription"] },
    });
    expect(bySubscription.data!.gatewayConsumers.edges.map((e) => e.node.subscriptionId)).toEqual(
      [one, two].sort(),
    );
    const rotated = bySubscription.data!.gatewayConsumers.edges.find((e) => e.node.subscriptionId === one)!;
    expect(rotated.node.credentials).toHaveLength(2);
    expect(rotated.node.credentials[0]!.expiresAt).toBe(
      new Date(world.clock.now.getTime() + 3_600_000).toISOString(),
    );
    expect(rotated.node.credentials[1]!.expiresAt).toBeNull();

    const byApi = await run<ConsumersPage>(world.services, world.bridge, consumersQuery, {
      filter: { apiIds: ["payments"] },
    });
    expect(byApi.data!.gatewayConsumers.edges.map((e) => e.node.subscriptionId)).toEqual([payments.id]);
    const oauth = byApi.data!.gatewayConsumers.edges[0]!.node.credentials[0]!;
    expect(oauth).toMatchObject({ kind: "OAUTH2", apiKey: null });
    expect(oauth.clientId).toMatch(/^[0-9a-f]{32}$/);
    expect(oauth.clientSecret).toMatch(/^[\w-]{43}$/);

    const byApplication = await run<ConsumersPage>(world.services, world.bridge, consumersQuery, {
      filter: { applicationIds: [world.shopApp], apiIds: ["orders"] },
    });
    expect(byApplication.data!.gatewayConsumers.totalCount).toBe(0);
    const empty = await run<ConsumersPage>(world.services, world.bridge, consumersQuery, {
      filter: { subscriptionIds: [] },
    });
    expect(empty.data!.gatewayConsumers.edges).toEqual([]);
  });

  it("decrypts secrets for read-write service accounts only", async () => {
    const world = await createWorld(getHandle().db);
    await seedApplications(world, 1);
    await subscribe(world, world.users.owner, world.shopApp, "payments", "basic");
    const admin = await run<ConsumersPage>(world.services, world.users.admin, consumersQuery);
    const readOnly = await run<ConsumersPage>(world.services, world.readOnlyBridge, consumersQuery);
    for (const result of [admin, readOnly]) {
      const credentials = result.data!.gatewayConsumers.edges.flatMap((e) => e.node.credentials);
      expect(credentials).toHaveLength(2);
      expect(credentials.map((c) => [c.apiKey, c.clientSecret])).toEqual([
        [null, null],
        [null, null],
      ]);
      expect(credentials.some((c) => c.clientId !== null)).toBe(true);
    }
    expect(
      (await failureOf(world.services.gateway.consumers(world.users.owner, null, { first: 5, after: null })))
        .code,
    ).toBe("FORBIDDEN");
    const tooMany = await failureOf(
      world.services.gateway.consumers(
        world.bridge,
        { apiIds: Array.from({ length: 1001 }, (_, i) => `a${i}`) },
        {
          first: 5,
          after: null,
        },
      ),
    );
    expect(tooMany.fields).toEqual(["filter.apiIds:TOO_BIG"]);
  });

  it("describes every API and plan of the configuration as the gateway needs it", async () => {
    const world = await createWorld(getHandle().db);
    const result = await run<{
      gatewayConfiguration: {
        configHash: string;
        apis: {
          id: string;
          upstream: Record<string, unknown>;
          routes: Record<string, unknown>[];
          auth: Record<string, unknown>;
          plugins: { name: string; config: Record<string, unknown> }[];
          planIds: string[];
        }[];
        plans: { id: string; plugins: { name: string; config: Record<string, unknown> }[] }[];
      };
    }>(
      world.services,
      world.bridge,
      `query ($apiIds: [ID!]) { gatewayConfiguration(apiIds: $apiIds) { configHash
        apis { id upstream { url connectTimeoutMs readTimeoutMs writeTimeoutMs retries }
          routes { paths hosts methods protocols stripPath preserveHost }
          auth { type keyHeaderName hideCredentials oauth2Flows scopes tokenTtlSeconds refreshTokenTtlSeconds }
          plugins { name config } planIds }
        plans { id plugins { name config } } } }`,
      { apiIds: ["orders", "payments", "unknown"] },
    );
    expect(result.errors).toEqual([]);
    const state = result.data!.gatewayConfiguration;
    expect(state.configHash).toBe(world.config.hash);
    expect(state.apis.map((api) => api.id)).toEqual(["orders", "payments"]);
    const [orders, payments] = state.apis;
    expect(orders!.auth).toMatchObject({
      type: "KEY_AUTH",
      keyHeaderName: "X-ApiKey",
      hideCredentials: true,
    });
    expect(orders!.routes[0]).toMatchObject({
      paths: ["/orders/v2"],
      protocols: ["https", "http"],
      stripPath: true,
    });
    expect(orders!.plugins).toEqual([
      { name: "correlation-id", config: { header_name: "X-Correlation-ID", generator: "uuid" } },
    ]);
    expect(payments!.auth).toMatchObject({
      type: "OAUTH2",
      oauth2Flows: ["authorization_code", "client_credentials"],
      scopes: ["payments:read", "payments:write", "refunds:write"],
      tokenTtlSeconds: 1800,
      refreshTokenTtlSeconds: 604800,
    });
    expect(payments!.upstream).toMatchObject({ connectTimeoutMs: 2000, retries: 0 });
    expect(state.plans.find((plan) => plan.id === "free")!.plugins).toEqual([
      { name: "rate-limiting", config: { minute: 60, policy: "local" } },
    ]);
  });
});
