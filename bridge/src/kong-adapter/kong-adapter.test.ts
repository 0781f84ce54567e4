import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PortalProcess } from "../testing/processes.js";
import { KongWorld } from "./kong-world.fixture.js";
import type { KongAdapterListener } from "./kong-adapter.listener.js";

let world: KongWorld;
const started: KongAdapterListener[] = [];

beforeAll(async () => {
  world = await KongWorld.start();
}, 120_000);

afterAll(async () => {
  await world?.stop();
});

afterEach(async () => {
  const violations = world.kong.openApiViolations;
  world.kong.reset();
  expect(violations).toEqual([]);
  await Promise.all(started.splice(0).map((adapter) => adapter.stop()));
  world.kong.reset();
  await world.events();
});

async function startAdapter(overrides: Record<string, string> = {}): Promise<KongAdapterListener> {
  const adapter = world.adapter(overrides);
  started.push(adapter);
  await adapter.start();
  return adapter;
}

type Row = Record<string, unknown>;
const rows = (entity: Parameters<typeof world.kong.store.list>[0]) => world.kong.store.list(entity);
const consumerOf = (subscriptionId: string) => rows("consumers").find((c) => c.custom_id === subscriptionId);
const childrenOf = (
  entity: "keyauth_credentials" | "oauth2_credentials" | "acls" | "plugins",
  consumer: Row | undefined,
) => rows(entity).filter((row) => (row.consumer as { id?: string } | null)?.id === consumer?.id);

async function handleEvents(adapter: KongAdapterListener): Promise<string[]> {
  const events = await world.events();
  await adapter.handle(events, { webhookId: `msg_${events[0]?.id ?? "none"}` });
  return events.map((event) => event.name);
}

describe("the Kong adapter against the Admin API double", () => {
  it("syncs the sample configuration into an empty Kong, reports receipts, and then has nothing to do", async () => {
    await world.createApplication("sync-app");
    const orders = await world.subscribe("sync-app", "orders", "basic");
    const payments = await world.subscribe("sync-app", "payments", "basic");
    expect([orders.status, payments.status]).toEqual(["APPROVED", "APPROVED"]);

    const adapter = await startAdapter();
    const services = rows("services")
      .map((s) => s.name)
      .sort();
    expect(services).toEqual([
      "acme.catalog",
      "acme.inventory-v1",
      "acme.logistics",
      "acme.orders",
      "acme.payments",
    ]);
    const ordersService = rows("services").find((s) => s.name === "acme.orders")!;
    expect(ordersService).toMatchObject({
      protocol: "http",
      host: "orders.acme.internal",
      port: 8080,
      retries: 2,
      connect_timeout: 5000,
    });
    expect(rows("routes").find((r) => r.name === "acme.orders.0")).toMatchObject({
      paths: ["/orders/v2"],
      strip_path: true,
    });
    const servicePlugins = rows("plugins").filter(
      (p) => (p.service as { id: string } | null)?.id === ordersService.id && p.consumer === null,
    );
    expect(servicePlugins.map((p) => p.name).sort()).toEqual(["acl", "correlation-id", "key-auth"]);
    expect(rows("plugins").find((p) => p.instance_name === "acme.catalog.acl")).toBeUndefined();

    const ordersSubscription = await world.subscription(orders.id);
    const consumer = consumerOf(orders.id);
    expect(consumer).toMatchObject({
      username: "acme.sync-app.orders",
      tags: ["api-portal", "api-portal:acme"],
    });
    expect(childrenOf("keyauth_credentials", consumer).map((k) => k.key)).toEqual([
      ordersSubscription.credentials[0]!.apiKey,
    ]);
    expect(childrenOf("acls", consumer).map((a) => a.group)).toEqual(["acme.orders"]);
    const limit = childrenOf("plugins", consumer);
    expect(limit.map((p) => [p.name, (p.config as Row).minute, (p.service as Row).id])).toEqual([
      ["rate-limiting", 600, ordersService.id],
    ]);
    const client = childrenOf("oauth2_credentials", consumerOf(payments.id));
    expect(client.map((c) => [c.client_id, c.redirect_uris])).toEqual([
      [(await world.subscription(payments.id)).credentials[0]!.clientId, ["https://example.com/callback"]],
    ]);
    expect((await world.subscription(orders.id)).status).toBe("PROVISIONED");
    expect((await world.subscription(payments.id)).status).toBe("PROVISIONED");

    world.kong.clearLog();
    const again = await adapter.resync();
    expect(again.summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(world.kong.counts.writes).toBe(0);
    expect(world.kong.counts.reads).toBe(7);
    expect(adapter.health().status).toBe("ok");
  });

  it("follows every event kind with incremental reconciles of the consumers they name", async () => {
    await world.createApplication("event-app");
    await world.createApplication("oauth-app", { redirectUris: ["https://oauth.example/cb"] });
    const adapter = await startAdapter();
    await world.events();

    // created + approved (a plan without approval)
    const free = await world.subscribe("event-app", "orders", "free");
    expect(await handleEvents(adapter)).toEqual(["subscription.created", "subscription.approved"]);
    expect(childrenOf("plugins", consumerOf(free.id)).map((p) => (p.config as Row).minute)).toEqual([60]);
    expect((await world.subscription(free.id)).status).toBe("PROVISIONED");
    // our own receipt comes back as an event and changes nothing
    world.kong.clearLog();
    expect(await handleEvents(adapter)).toEqual(["subscription.provisioned"]);
    expect(world.kong.counts.total).toBe(0);

    // plan change to a plan that needs approval: credentials revoked, consumer removed; approval brings it back
    await world.mutate("changeSubscriptionPlan", { subscriptionId: free.id, planId: "premium" });
    await handleEvents(adapter);
    expect(consumerOf(free.id)).toBeUndefined();
    expect(childrenOf("keyauth_credentials", { id: "none" })).toEqual([]);
    await world.mutate("approveSubscription", { subscriptionId: free.id });
    expect(await handleEvents(adapter)).toEqual(["subscription.approved"]);
    expect(childrenOf("plugins", consumerOf(free.id)).map((p) => (p.config as Row).minute)).toEqual([6000]);
    await world.events();

    // created pending, then declined: never a consumer
    const declined = await world.subscribe("oauth-app", "orders", "premium");
    await handleEvents(adapter);
    expect(consumerOf(declined.id)).toBeUndefined();
    await world.mutate("declineSubscription", { subscriptionId: declined.id, reason: "not this time" });
    expect(await handleEvents(adapter)).toEqual(["subscription.declined"]);
    expect(consumerOf(declined.id)).toBeUndefined();

    // OAuth2: changing the redirect URIs updates the credential in place (same id, so tokens survive)
    const oauth = await world.subscribe("oauth-app", "payments", "basic");
    await handleEvents(adapter);
    await world.events();
    const before = childrenOf("oauth2_credentials", consumerOf(oauth.id))[0]!;
    await world.mutate("updateApplication", { id: "oauth-app", redirectUris: ["https://oauth.example/new"] });
    expect(await handleEvents(adapter)).toEqual(["application.updated"]);
    const after = childrenOf("oauth2_credentials", consumerOf(oauth.id))[0]!;
    expect([after.id, after.redirect_uris]).toEqual([before.id, ["https://oauth.example/new"]]);

    // unsubscribe: the consumer goes, and with it (cascade) its credentials, ACLs and plugins
    const consumer = consumerOf(free.id);
    await world.mutate("unsubscribe", { subscriptionId: free.id });
    expect(await handleEvents(adapter)).toEqual(["subscription.deleted"]);
    expect(consumerOf(free.id)).toBeUndefined();
    for (const entity of ["keyauth_credentials", "acls", "plugins"] as const)
      expect(childrenOf(entity, consumer)).toEqual([]);

    // deleting the application deletes its subscriptions (one event each)
    await world.mutate("deleteApplication", { id: "oauth-app" });
    expect(await handleEvents(adapter)).toContain("subscription.deleted");
    expect(consumerOf(oauth.id)).toBeUndefined();
    expect(rows("consumers").filter((c) => String(c.username).startsWith("acme.oauth-app."))).toEqual([]);

    world.kong.clearLog();
    expect((await adapter.resync()).summary).toEqual({ create: 0, update: 0, delete: 0 });
  });

  it("keeps both keys during a rotation and removes the old one when it expires", async () => {
    await world.createApplication("rotate-app");
    const subscription = await world.subscribe("rotate-app", "orders", "basic");
    const adapter = await startAdapter();
    await world.events();
    const oldKey = (await world.subscription(subscription.id)).credentials[0]!.apiKey;
    await world.mutate("rotateSubscriptionCredentials", {
      subscriptionId: subscription.id,
      overlapSeconds: 2,
    });
    expect(await handleEvents(adapter)).toEqual(["subscription.credentials_rotated"]);
    const keys = () => childrenOf("keyauth_credentials", consumerOf(subscription.id)).map((k) => k.key);
    const newKey = (await world.subscription(subscription.id)).credentials.find(
      (c) => c.expiresAt === null,
    )!.apiKey;
    expect(keys().sort()).toEqual([oldKey, newKey].sort());
    // the adapter's own timer removes the old key when the overlap ends
    const deadline = Date.now() + 10_000;
    while (keys().length > 1 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(keys()).toEqual([newKey]);
  });

  it("never touches objects it did not tag, and heals drift made in Kong", async () => {
    await world.createApplication("drift-app");
    const subscription = await world.subscribe("drift-app", "orders", "basic");
    const admin = (method: string, path: string, body?: unknown) =>
      fetch(`${world.kong.url}${path}`, {
        method,
        headers: body ? { "content-type": "application/json" } : {},
        ...(body ? { body: JSON.stringify(body) } : {}),
      }).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Row }));
    const foreign = await admin("POST", "/services", { name: "someone-elses", url: "http://x.internal" });
    await admin("POST", "/services/someone-elses/routes", { name: "someone-elses-route", paths: ["/x"] });
    await admin("POST", "/consumers", { username: "acme.drift-app.manual", tags: ["api-portal"] });
    await admin("POST", "/consumers", {
      username: "other.app.orders",
      tags: ["api-portal", "api-portal:other"],
    });

    const adapter = await startAdapter();
    const consumer = consumerOf(subscription.id)!;
    const limit = childrenOf("plugins", consumer)[0]!;
    await admin("DELETE", `/consumers/${String(consumer.id)}`);
    await admin("PATCH", `/plugins/${String(limit.id)}`, { config: { minute: 1 } });
    await admin("PATCH", `/plugins/acme.orders.correlation-id`, { config: { header_name: "X-Other" } });
    world.kong.clearLog();
    const planned = await adapter.plan();
    // the deleted consumer with its key, ACL and plan plugin (Kong's cascade), and the edited API plugin
    expect(planned.drift).toBe(5);
    const report = await adapter.resync();
    expect(report.drift).toBe(5);
    expect(consumerOf(subscription.id)).toBeDefined();
    expect(
      rows("plugins").find((p) => p.instance_name === "acme.orders.correlation-id")!.config,
    ).toMatchObject({ header_name: "X-Correlation-ID" });
    expect(rows("services").find((s) => s.id === foreign.body.id)).toBeDefined();
    expect(rows("routes").find((r) => r.name === "someone-elses-route")).toBeDefined();
    expect(rows("consumers").map((c) => c.username)).toEqual(
      expect.arrayContaining(["acme.drift-app.manual", "other.app.orders"]),
    );
    const metrics = await adapter
      .routes!.find((r) => r.path === "/metrics")!
      .handle({ headers: {}, body: "" });
    expect(String(metrics.body)).toMatch(/^kong_adapter_drift_objects_total 5$/m);
    expect(String(metrics.body)).toMatch(/^kong_adapter_reconciles_total\{kind="full",outcome="ok"\} 2$/m);
  });

  it("survives Kong failing halfway through a batch: retries, throws for the bridge, repairs on the next run", async () => {
    await world.createApplication("fail-app");
    const adapter = await startAdapter({ KONG_ADAPTER_ATTEMPTS: "1" });
    await world.events();
    const first = await world.subscribe("fail-app", "orders", "basic");
    // the consumer is created, then Kong fails every later write
    world.kong.faults.failAfter(1, { match: { method: "POST" } });
    await expect(handleEvents(adapter)).rejects.toThrow(/Kong failed/);
    expect(adapter.health().status).toBe("degraded");
    expect((await world.subscription(first.id)).status).toBe("APPROVED");
    world.kong.faults.clear();
    // the bridge delivers the same events again
    await adapter.handle(
      [
        {
          id: "1",
          sequence: 1,
          name: "subscription.approved",
          payload: { subscriptionId: first.id, applicationId: "fail-app", apiId: "orders" },
        },
      ],
      { webhookId: "msg_retry" },
    );
    expect(adapter.health().status).toBe("ok");
    expect((await world.subscription(first.id)).status).toBe("PROVISIONED");
    expect(childrenOf("keyauth_credentials", consumerOf(first.id))).toHaveLength(1);

    // a lost answer: Kong applied the write, the adapter saw a 500, retried, got 409 and took its own object over
    world.kong.reset();
    world.kong.faults.failNext(1, { match: { method: "POST", path: "/consumers" }, afterApply: true });
    const full = await world.adapter({ KONG_ADAPTER_ATTEMPTS: "3" }).resync();
    expect(full.failed).toEqual([]);
    world.kong.clearLog();
    expect((await adapter.resync()).summary).toEqual({ create: 0, update: 0, delete: 0 });
    expect(world.kong.counts.writes).toBe(0);
  });

  it("reports PROVISIONING_FAILED with Kong's reason when a key belongs to somebody else's consumer", async () => {
    await world.createApplication("clash-app");
    const subscription = await world.subscribe("clash-app", "orders", "basic");
    const key = (await world.subscription(subscription.id)).credentials[0]!.apiKey!;
    await fetch(`${world.kong.url}/consumers`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "squatter" }),
    });
    await fetch(`${world.kong.url}/consumers/squatter/key-auth`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ key }),
    });
    world.kong.clearLog();
    await startAdapter();
    const after = await world.subscription(subscription.id);
    expect(after.status).toBe("PROVISIONING_FAILED");
    expect(after.statusReason).toMatch(
      /^Kong refused the configuration: keyauth .*UNIQUE violation.*not managed by this portal installation/,
    );
    expect(rows("keyauth_credentials").filter((k) => k.key === key)).toHaveLength(1);
  });

  it("lets two portals with different installation tags share one Kong", async () => {
    const other = await PortalProcess.start();
    try {
      await world.createApplication("shared-app");
      await world.subscribe("shared-app", "orders", "basic");
      const acme = await startAdapter();
      const beta = world.adapter({ KONG_ADAPTER_INSTALLATION: "beta", KONG_ADAPTER_PORTAL_URL: other.url });
      started.push(beta);
      await beta.start();
      const names = rows("services").map((s) => String(s.name));
      expect(names.filter((n) => n.startsWith("acme.")).length).toBe(5);
      expect(names.filter((n) => n.startsWith("beta.")).length).toBe(5);
      expect(rows("consumers").filter((c) => String(c.username).startsWith("beta."))).toEqual([]);
      expect(rows("consumers").some((c) => c.username === "acme.shared-app.orders")).toBe(true);
      world.kong.clearLog();
      expect((await acme.resync()).summary).toEqual({ create: 0, update: 0, delete: 0 });
      expect((await beta.resync()).summary).toEqual({ create: 0, update: 0, delete: 0 });
      expect(world.kong.counts.writes).toBe(0);
    } finally {
      await other.remove();
    }
  });

  it("answers POST /resync with statistics to the bearer of the resync token only", async () => {
    const token = "resync-token-0123456789abcdefghijklmnopq";
    const adapter = await startAdapter({ KONG_ADAPTER_RESYNC_TOKEN: token });
    const route = adapter.routes!.find((r) => r.path === "/resync")!;
    expect((await route.handle({ headers: {}, body: "" })).status).toBe(401);
    expect((await route.handle({ headers: { authorization: "Bearer wrong" }, body: "" })).status).toBe(401);
    const answer = await route.handle({ headers: { authorization: `Bearer ${token}` }, body: "" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      kind: "full",
      summary: { create: 0, update: 0, delete: 0 },
      writes: 0,
      reads: 7,
    });
    expect(answer.body).not.toHaveProperty("operations");
  });
});

describe("Kong versions and modes", () => {
  it("refuses Kong 2.x with a clear message and reports itself down", async () => {
    const { startKongDouble } = await import("../kong-double/kong-double.js");
    const old = await startKongDouble({ version: "2.8.5" });
    try {
      const adapter = world.adapter({ KONG_ADMIN_URL: old.url });
      await expect(adapter.start()).rejects.toThrow(
        /Kong 2\.8\.5 is not supported: the Kong adapter needs Kong Gateway 3\.x/,
      );
      expect(adapter.health().status).toBe("down");
      expect(old.counts.writes).toBe(0);
    } finally {
      await old.close();
    }
  });

  it("renders the declarative configuration in DB-less mode, keeps other objects, and posts only changes", async () => {
    const { startKongDouble } = await import("../kong-double/kong-double.js");
    const dbless = await startKongDouble({ database: "off", checkRequests: true });
    try {
      await fetch(`${dbless.url}/config`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          _format_version: "3.0",
          services: [{ name: "someone-elses", url: "http://x.internal" }],
        }),
      });
      dbless.clearLog();
      await world.createApplication("dbless-app");
      const subscription = await world.subscribe("dbless-app", "orders", "basic");
      const adapter = world.adapter({ KONG_ADMIN_URL: dbless.url, KONG_ADAPTER_DBLESS: "true" });
      started.push(adapter);
      await adapter.start();
      expect(dbless.store.list("services").map((s) => s.name)).toContain("someone-elses");
      expect(dbless.store.list("consumers").map((c) => c.custom_id)).toContain(subscription.id);
      expect((await world.subscription(subscription.id)).status).toBe("PROVISIONED");
      dbless.clearLog();
      expect((await adapter.resync()).summary).toEqual({ create: 0, update: 0, delete: 0 });
      expect(dbless.counts.writes).toBe(0);
      expect(dbless.openApiViolations).toEqual([]);
    } finally {
      await dbless.close();
    }
  });
});
