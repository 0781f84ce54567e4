import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BridgeProcess, PortalProcess } from "./testing/processes.js";
import { firstArrivalMarkers, TestListener, type ReceivedDelivery } from "./testing/listener-server.js";
import { PortalCalls } from "./testing/portal-calls.js";
import { eventually } from "./testing/eventually.js";

/**
 * The delivery guarantees with real processes and sockets: the portal and the bridge run as their own processes
 * (`node --import tsx/esm …/main.ts`), listeners are HTTP servers on real ports.
 */
const markers = (deliveries: readonly ReceivedDelivery[]) =>
  deliveries.map((delivery) => delivery.events.map((event) => String(event.payload.name)));

describe("bridge with real processes and sockets", () => {
  let portal: PortalProcess;
  let calls: PortalCalls;
  const bridges: BridgeProcess[] = [];
  const listeners: TestListener[] = [];

  beforeAll(async () => {
    portal = await PortalProcess.start();
    calls = new PortalCalls(() => portal.url);
  });
  afterEach(async () => {
    await Promise.all(bridges.splice(0).map((bridge) => bridge.stop()));
    await Promise.all(listeners.splice(0).map((listener) => listener.down()));
    const all = await calls.rest<{ listeners: { id: string }[] }>("GET", "/webhooks/listeners");
    for (const { id } of all.body.listeners) await calls.rest("DELETE", `/webhooks/listeners/${id}`);
  });
  afterAll(async () => {
    await portal?.remove();
  });

  const listener = async (id: string, events?: string[]) => {
    const server = await TestListener.start();
    listeners.push(server);
    server.secret = await calls.register(id, server.url, events);
    return server;
  };
  const bridge = async (env: Record<string, string> = {}) => {
    const started = await BridgeProcess.start(portal.url, env);
    bridges.push(started);
    return started;
  };

  it("kill -9 of the bridge in the middle of a batch loses nothing; the duplicate keeps its webhook-id", async () => {
    const target = await listener("kill-target");
    let held = false;
    target.behaviour = () => {
      if (held) return { status: 200 };
      held = true;
      return "hold";
    };
    for (const marker of ["k1", "k2", "k3", "k4", "k5"]) await calls.event(marker);
    const first = await bridge();
    await eventually("the first batch arrives", () => target.deliveries.length === 1);
    await first.kill();
    await target.down();
    await target.up();
    await bridge();
    await eventually("the batch arrives again", () => target.deliveries.length >= 2);
    for (const marker of ["k6", "k7"]) await calls.event(marker);
    await eventually("every event arrives", () => firstArrivalMarkers(target).length === 7);

    const [original, retry] = target.deliveries;
    expect(markers([original!])).toEqual([["k1", "k2", "k3", "k4", "k5"]]);
    expect(retry?.webhookId).toBe(original?.webhookId);
    expect(retry?.events).toEqual(original?.events);
    expect(firstArrivalMarkers(target)).toEqual(["k1", "k2", "k3", "k4", "k5", "k6", "k7"]);
    expect(target.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
    const sequences = target.deliveries.flatMap((delivery) => delivery.events.map((event) => event.sequence));
    const byWebhookId = new Map<string, string>();
    for (const delivery of target.deliveries) {
      const content = JSON.stringify(delivery.events);
      expect(byWebhookId.get(delivery.webhookId) ?? content, "one webhook-id, one content").toBe(content);
      byWebhookId.set(delivery.webhookId, content);
    }
    expect(sequences.length).toBeGreaterThanOrEqual(7);
  });

  it("a listener that hangs, then is down, catches up in order after recovering, without slowing another listener", async () => {
    const down = await listener("down-listener");
    const healthy = await listener("healthy-listener");
    down.behaviour = () => "hold";
    await bridge({ BRIDGE_DELIVERY_TIMEOUT_MS: "1000" });
    const markersSent = Array.from({ length: 12 }, (_, i) => `d${i + 1}`);
    for (const marker of markersSent) await calls.event(marker);
    const lastCommitted = Date.now();
    await eventually(
      "the healthy listener has everything",
      () => firstArrivalMarkers(healthy).length === 12,
      10_000,
    );
    expect(firstArrivalMarkers(healthy)).toEqual(markersSent);
    expect(Math.max(...healthy.deliveries.map((d) => d.receivedAt)) - lastCommitted).toBeLessThan(1500);
    expect(down.deliveries.every((d) => d.status === null)).toBe(true);

    await down.down();
    await eventually("its backlog grows and failures are recorded", async () => {
      const status = await calls.rest<{ backlog: number; consecutiveFailures: number }>(
        "GET",
        "/webhooks/listeners/down-listener",
      );
      return status.body.backlog === 12 && status.body.consecutiveFailures >= 3;
    });

    down.behaviour = () => ({ status: 200 });
    await down.up();
    await eventually(
      "the recovered listener has everything",
      () => down.deliveries.filter((d) => d.status === 200).flatMap((d) => d.events).length >= 12,
    );
    expect(firstArrivalMarkers(down)).toEqual(markersSent);
    const accepted = down.deliveries
      .filter((d) => d.status === 200)
      .flatMap((d) => d.events.map((e) => e.payload.name));
    expect(accepted).toEqual(markersSent);
    await eventually("the backlog is acknowledged", async () => {
      const after = await calls.rest<{ backlog: number; consecutiveFailures: number }>(
        "GET",
        "/webhooks/listeners/down-listener",
      );
      return after.body.backlog === 0 && after.body.consecutiveFailures === 0;
    });
  });

  it("a poison event ends in the dead letters after the configured attempts, raises the alert, and later events flow", async () => {
    const picky = await listener("picky");
    const alerts = await listener("alerts", ["webhook_listener.dead_lettered"]);
    picky.behaviour = (delivery) =>
      delivery.events.some((event) => event.payload.name === "poison") ? { status: 500 } : { status: 200 };
    for (const marker of ["p1", "poison", "p2"]) await calls.event(marker);
    await bridge({ BRIDGE_MAX_ATTEMPTS: "3" });
    const accepted = () =>
      picky.deliveries.filter((d) => d.status === 200).flatMap((d) => d.events.map((e) => e.payload.name));
    await eventually("the later event is accepted", () => accepted().includes("p2"));
    await calls.event("p3");
    await eventually("events keep flowing", () => accepted().includes("p3"));
    expect(accepted()).toEqual(["p1", "p2", "p3"]);
    const poisonAlone = picky.deliveries.filter(
      (d) => d.events.length === 1 && d.events[0]?.payload.name === "poison",
    );
    expect(poisonAlone).toHaveLength(3);
    expect(new Set(poisonAlone.map((d) => d.webhookId)).size).toBe(1);

    const letters = await calls.rest<{
      deadLetters: { attempts: number; reason: string; event: { payload: { name: string } } }[];
    }>("GET", "/webhooks/listeners/picky/dead-letters");
    expect(
      letters.body.deadLetters.map((letter) => [letter.event.payload.name, letter.attempts, letter.reason]),
    ).toEqual([["poison", 3, "HTTP 500 after 3 attempts"]]);
    await eventually("the alert reaches its listener", () => alerts.deliveries.length > 0);
    expect(alerts.deliveries[0]?.events[0]).toMatchObject({
      name: "webhook_listener.dead_lettered",
      payload: { listenerId: "picky", attempts: 3, eventNames: ["access_token.created"] },
    });
  });

  it("two replicas never deliver to the same listener at once; when one dies the other takes over", async () => {
    const target = await listener("shared-target");
    target.behaviour = () => ({ status: 200, delayMs: 30 });
    const one = await bridge({ BRIDGE_ID: "replica-one", BRIDGE_BATCH_SIZE: "2" });
    await bridge({ BRIDGE_ID: "replica-two", BRIDGE_BATCH_SIZE: "2" });
    for (const marker of ["s1", "s2", "s3", "s4", "s5", "s6"]) await calls.event(marker);
    await eventually("the first events arrive", () => firstArrivalMarkers(target).length === 6);
    const holder = await calls.rest<{ lease: { holder: string } }>(
      "GET",
      "/webhooks/listeners/shared-target",
    );
    if (holder.body.lease.holder === "replica-one") await one.kill();
    else await bridges[1]?.kill();
    for (const marker of ["s7", "s8"]) await calls.event(marker);
    await eventually("the survivor delivers the rest", () => firstArrivalMarkers(target).length === 8);
    expect(firstArrivalMarkers(target)).toEqual(["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]);
    expect(target.maxConcurrent).toBe(1);
    const after = await calls.rest<{ lease: { holder: string } }>("GET", "/webhooks/listeners/shared-target");
    expect(after.body.lease.holder).not.toBe(holder.body.lease.holder);
  });

  it("a restart of the portal during delivery loses nothing", async () => {
    const target = await listener("restart-target");
    target.behaviour = () => ({ status: 200, delayMs: 100 });
    await bridge();
    for (const marker of ["r1", "r2", "r3"]) await calls.event(marker);
    await eventually("delivery started", () => target.deliveries.length > 0);
    await portal.restart();
    for (const marker of ["r4", "r5"]) await calls.event(marker);
    await eventually("every event arrives", () => firstArrivalMarkers(target).length === 5);
    expect(firstArrivalMarkers(target)).toEqual(["r1", "r2", "r3", "r4", "r5"]);
  });
});
