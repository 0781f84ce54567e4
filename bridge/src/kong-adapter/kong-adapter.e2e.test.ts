import { pino } from "pino";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runBuiltInListener, type RunningListener } from "../listener-kit/run-listener.js";
import { BridgeProcess, listenerToken } from "../testing/processes.js";
import type { KongAdapterListener } from "./kong-adapter.listener.js";
import { KongWorld } from "./kong-world.fixture.js";
import { eventually } from "../testing/eventually.js";

let world: KongWorld;
let adapter: KongAdapterListener;
let running: RunningListener;
let bridge: BridgeProcess;

beforeAll(async () => {
  world = await KongWorld.start();
  adapter = world.adapter();
  running = await runBuiltInListener(adapter, {
    portalUrl: world.portal.url,
    token: listenerToken,
    logger: pino({ level: "silent" }),
  });
  bridge = await BridgeProcess.start(world.portal.url);
}, 120_000);

afterAll(async () => {
  await bridge?.stop();
  await running?.close();
  await world?.stop();
});

it("approve → event → bridge → adapter → Kong → PROVISIONED, with the key live in Kong", async () => {
  await world.createApplication("e2e-app");
  const free = await world.subscribe("e2e-app", "orders", "free");
  const provisioned = await eventually("PROVISIONED", async () => {
    const subscription = await world.subscription(free.id);
    return subscription.status === "PROVISIONED" ? subscription : undefined;
  });
  const consumer = world.kong.store.list("consumers").find((c) => c.custom_id === free.id);
  expect(consumer?.username).toBe("acme.e2e-app.orders");
  const keys = world.kong.store
    .list("keyauth_credentials")
    .filter((k) => (k.consumer as { id: string }).id === consumer?.id)
    .map((k) => k.key);
  expect(keys).toEqual([provisioned.credentials[0]!.apiKey]);

  // a plan that needs approval: nothing at the gateway until the approver says yes
  const premium = await world.subscribe("e2e-app", "payments", "premium");
  expect(premium.status).toBe("PENDING_APPROVAL");
  await world.mutate("approveSubscription", { subscriptionId: premium.id });
  await eventually("the approved premium subscription provisioned", async () =>
    (await world.subscription(premium.id)).status === "PROVISIONED" ? true : undefined,
  );

  const health = await fetch(new URL("healthz", running.url));
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: "ok" });
  const metrics = await fetch(new URL("metrics", running.url));
  expect(metrics.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(await metrics.text()).toMatch(/^kong_adapter_receipts_total\{status="provisioned"\} [1-9]/m);
  expect(world.kong.openApiViolations).toEqual([]);
});
