import "reflect-metadata";
import { expect, it } from "vitest";
import type { Actor } from "../actor/actor.js";
import { insertMember } from "../applications/application-member.repository.js";
import { insertApplication } from "../applications/application.repository.js";
import { contextWith, executeAs } from "../authorization/graphql-execution.fixture.js";
import type { GraphQLContext } from "../graphql/graphql-context.js";
import { describeEachBackend } from "../testing/backends.js";
import { insertUser } from "../users/user.repository.js";
import { createWorld, subscribe, type World } from "./subscription.fixtures.js";
import { statementCounter } from "../testing/statement-counter.js";

async function run<Data>(
  world: World,
  actor: Actor,
  source: string,
  variables: Record<string, unknown> = {},
) {
  return runOn<Data>(world.services, actor, source, variables);
}

function runOn<Data>(
  services: GraphQLContext["services"],
  actor: Actor,
  source: string,
  variableValues: Record<string, unknown> = {},
) {
  return executeAs<Data>(contextWith(services, actor), source, variableValues);
}

const applicationsWithEverything = `query ($first: Int) {
  applications(first: $first) {
    totalCount
    edges { node {
      id viewerRole
      members { role user { email } }
      subscriptions {
        id status statusReason
        api { id name } plan { id name needsApproval }
        statusHistory { status actorId at }
        credentials { id kind apiKey clientId clientSecret expiresAt }
      }
    } }
  }
}`;

interface ApplicationsPage {
  applications: {
    totalCount: number;
    edges: {
      node: {
        id: string;
        members: { role: string }[];
        subscriptions: {
          status: string;
          api: { id: string; name: string };
          plan: { id: string };
          statusHistory: { status: string }[];
          credentials: { apiKey: string | null }[] | null;
        }[];
      };
    }[];
  };
}

describeEachBackend("subscriptions over GraphQL", (getHandle) => {
  it("loads 50 applications with members, subscriptions, APIs, plans, histories and credentials in as many statements as 5", async () => {
    const world = await createWorld(getHandle().db);
    const { owner } = world.users;
    const at = world.clock.now.toISOString();
    for (let i = 0; i < 50; i++) {
      const id = `bulk-app-${String(i).padStart(2, "0")}`;
      await insertApplication(world.db, {
        id,
        name: `Bulk ${i}`,
        description: "",
        clientType: "confidential",
        redirectUris: ["https://bulk.example/cb"],
        createdBy: owner.userId,
        createdAt: at,
        updatedAt: at,
      });
      const memberId = `usr_bulk_${i}`;
      await insertUser(
        world.db,
        {
          id: memberId,
          email: `bulk${i}@example.com`,
          passwordHash: null,
          displayName: memberId,
          profile: {},
          emailVerifiedAt: at,
        },
        world.clock.now,
      );
      await insertMember(world.db, { applicationId: id, userId: owner.userId, role: "owner", addedAt: at });
      await insertMember(world.db, { applicationId: id, userId: memberId, role: "reader", addedAt: at });
      await subscribe(world, owner, id, "orders", "basic");
      await subscribe(world, owner, id, "payments", "premium");
    }

    const counter = statementCounter();
    const counted = world.servicesOn(world.db.withPlugin(counter.plugin));
    const measure = async (first: number) => {
      counter.reset();
      const result = await runOn<ApplicationsPage>(counted, owner, applicationsWithEverything, { first });
      expect(result.errors).toEqual([]);
      return { page: result.data!.applications, statements: counter.count() };
    };
    const small = await measure(5);
    const large = await measure(50);
    expect(small.page.edges).toHaveLength(5);
    expect(large.page.edges).toHaveLength(50);
    expect(large.statements).toBe(small.statements);
    // applications: count + page; members; subscriptions; histories; credentials
    expect(large.statements).toBe(6);

    const bulk = large.page.edges.map((e) => e.node).find((node) => node.id === "bulk-app-07");
    expect(bulk?.members.map((m) => m.role)).toEqual(["OWNER", "READER"]);
    expect(bulk?.subscriptions.map((s) => [s.api.id, s.api.name, s.plan.id, s.status])).toEqual([
      ["orders", "Orders API", "basic", "APPROVED"],
      ["payments", "Payments API", "premium", "PENDING_APPROVAL"],
    ]);
    expect(bulk?.subscriptions[0]?.credentials?.[0]?.apiKey).toMatch(/^[\w-]{43}$/);
    expect(bulk?.subscriptions[1]?.credentials).toEqual([]);
    expect(bulk?.subscriptions[1]?.statusHistory.map((h) => h.status)).toEqual(["PENDING_APPROVAL"]);
  });

  it("hides credentials from readers, approvers and administrators (null), shows them to collaborators", async () => {
    const world = await createWorld(getHandle().db);
    const subscription = await subscribe(world, world.users.owner, world.shopApp, "logistics", "premium");
    await world.services.subscriptions.approvals.approve(world.users.partnerApprover, {
      subscriptionId: subscription.id,
    });
    const query = `query ($id: ID!) { subscription(id: $id) { status application { id } credentials { clientId clientSecret } } }`;
    const read = (actor: Actor) =>
      run<{
        subscription: {
          credentials: { clientSecret: string | null }[] | null;
          application: { id: string } | null;
        };
      }>(world, actor, query, { id: subscription.id });
    const collaborator = await read(world.users.collaborator);
    expect(collaborator.data?.subscription.credentials?.[0]?.clientSecret).toMatch(/^[\w-]{43}$/);
    for (const actor of [world.users.reader, world.users.partnerApprover, world.users.admin]) {
      const result = await read(actor);
      expect(result.errors).toEqual([]);
      expect(result.data?.subscription.credentials).toBeNull();
      expect(result.data?.subscription.application).toEqual({ id: "shop-app" });
    }
    const outsider = await read(world.users.outsider);
    expect(outsider.errors.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
  });

  it("subscribes, approves and declines through the mutations, and shows the reason to the requester", async () => {
    const world = await createWorld(getHandle().db);
    const subscribed = await run<{
      subscribe: { subscription: { id: string; status: string; plan: { id: string } } };
    }>(
      world,
      world.users.collaborator,
      `mutation { subscribe(input: { applicationId: "shop-app", apiId: "orders", planId: "premium" }) {
        subscription { id status plan { id } } } }`,
    );
    expect(subscribed.data?.subscribe.subscription).toMatchObject({
      status: "PENDING_APPROVAL",
      plan: { id: "premium" },
    });
    const id = subscribed.data?.subscribe.subscription.id ?? "";
    world.clock.advance(42);
    const queue = await run<{ approvals: { edges: { node: Record<string, unknown> }[] } }>(
      world,
      world.users.admin,
      `query { approvals { totalCount edges { node { waitingSeconds requestedAt application { id name } api { id }
        plan { id name } requester { email } subscription { id } } } } }`,
    );
    expect(queue.data?.approvals.edges[0]?.node).toMatchObject({
      waitingSeconds: 42,
      application: { id: "shop-app", name: "Shop" },
      api: { id: "orders" },
      plan: { id: "premium", name: "Premium" },
      requester: { email: "collaborator@example.com" },
      subscription: { id },
    });
    const declined = await run<{
      declineSubscription: { subscription: { status: string; statusReason: string } };
    }>(
      world,
      world.users.admin,
      `mutation ($id: ID!) { declineSubscription(input: { subscriptionId: $id, reason: "Use basic" }) {
        subscription { status statusReason } } }`,
      { id },
    );
    expect(declined.data?.declineSubscription.subscription).toEqual({
      status: "DECLINED",
      statusReason: "Use basic",
    });
    const seen = await run<{
      subscription: {
        status: string;
        statusReason: string;
        statusHistory: { status: string; reason: string | null }[];
      };
    }>(
      world,
      world.users.collaborator,
      `query ($id: ID!) { subscription(id: $id) { status statusReason statusHistory { status reason } } }`,
      { id },
    );
    expect(seen.data?.subscription).toEqual({
      status: "DECLINED",
      statusReason: "Use basic",
      statusHistory: [
        { status: "PENDING_APPROVAL", reason: null },
        { status: "DECLINED", reason: "Use basic" },
      ],
    });
    const tooLong = await run(
      world,
      world.users.admin,
      `mutation ($id: ID!, $reason: String!) { declineSubscription(input: { subscriptionId: $id, reason: $reason }) { subscription { id } } }`,
      { id, reason: "x".repeat(1001) },
    );
    expect(tooLong.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "reason", code: "TOO_BIG" }],
    });
  });
});
