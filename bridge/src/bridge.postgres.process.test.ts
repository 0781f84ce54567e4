import { randomBytes } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { firstArrivalMarkers, TestListener, type ReceivedDelivery } from "./testing/listener-server.js";
import { PortalCalls } from "./testing/portal-calls.js";
import { BridgeProcess, PortalProcess } from "./testing/processes.js";
import { eventually } from "./testing/eventually.js";

// The portal's PostgreSQL test helpers, loaded at run time (the bridge does not compile server code).
const postgresHelpersUrl = new URL("../../server/src/testing/postgres.ts", import.meta.url).href;
const { postgresAvailability, createTestPostgresDatabase } = (await import(postgresHelpersUrl)) as {
  postgresAvailability: () => Promise<{ available: boolean; reason?: string }>;
  createTestPostgresDatabase: () => Promise<{ url: string; drop(): Promise<void> }>;
};

const postgres = await postgresAvailability();
if (!postgres.available)
  process.stderr.write(`[tests] skipping the bridge on PostgreSQL: ${postgres.reason ?? "unavailable"}\n`);

const accepted = (deliveries: readonly ReceivedDelivery[]) =>
  deliveries.filter((d) => d.status === 200).flatMap((d) => d.events.map((e) => String(e.payload.name)));

/**
 * The core delivery guarantees once more with the portal on PostgreSQL (`bridge.process.test.ts` runs them on
 * SQLite): two portal replicas on one database, the bridge following one of them while events are committed on
 * the other (they reach it through LISTEN/NOTIFY or the poll), kill -9 of the bridge mid-batch, a poison event,
 * and a restart of the replica the bridge talks to.
 */
describe.skipIf(!postgres.available)("bridge with the portal on PostgreSQL (real processes)", () => {
  let database: { url: string; drop(): Promise<void> };
  let replicaA: PortalProcess;
  let replicaB: PortalProcess;
  let onA: PortalCalls;
  let onB: PortalCalls;
  const bridges: BridgeProcess[] = [];
  const listeners: TestListener[] = [];

  beforeAll(async () => {
    database = await createTestPostgresDatabase();
    const shared = {
      DATABASE_URL: database.url,
      PORTAL_ENCRYPTION_KEYS: `pg:${randomBytes(32).toString("base64")}`,
    };
    // One after the other: the first applies the migrations and creates the administrator.
    replicaA = await PortalProcess.start(shared);
    replicaB = await PortalProcess.start(shared);
    onA = new PortalCalls(() => replicaA.url);
    onB = new PortalCalls(() => replicaB.url);
  });
  afterEach(async () => {
    await Promise.all(bridges.splice(0).map((bridge) => bridge.stop()));
    await Promise.all(listeners.splice(0).map((listener) => listener.down()));
    const all = await onA.rest<{ listeners: { id: string }[] }>("GET", "/webhooks/listeners");
    for (const { id } of all.body.listeners) await onA.rest("DELETE", `/webhooks/listeners/${id}`);
  });
  afterAll(async () => {
    await replicaA?.remove();
    await replicaB?.remove();
    await database?.drop();
  });

  const listener = async (id: string, events?: string[]) => {
    const server = await TestListener.start();
    listeners.push(server);
    server.secret = await onA.register(id, server.url, events);
    return server;
  };
  const bridge = async (env: Record<string, string> = {}) => {
    const started = await BridgeProcess.start(replicaA.url, env);
    bridges.push(started);
    return started;
  };

  it("events committed on another replica arrive in order; kill -9 mid-batch loses nothing and keeps the webhook-id", async () => {
    const target = await listener("pg-kill-target");
    let held = false;
    target.behaviour = () => {
      if (held) return { status: 200 };
      held = true;
      return "hold";
    };
    for (const marker of ["k1", "k2", "k3"]) await onB.event(marker);
    const first = await bridge();
    await eventually("the first batch arrives", () => target.deliveries.length === 1);
    await first.kill();
    await target.down();
    await target.up();
    await bridge();
    await eventually("the batch arrives again", () => target.deliveries.length >= 2);
    for (const marker of ["k4", "k5", "k6"]) await onB.event(marker);
    await onA.event("k7");
    await eventually("every event arrives", () => firstArrivalMarkers(target).length === 7);

    const [original, retry] = target.deliveries;
    expect(original?.events.map((e) => e.payload.name)).toEqual(["k1", "k2", "k3"]);
    expect(retry?.webhookId).toBe(original?.webhookId);
    expect(retry?.events).toEqual(original?.events);
    expect(firstArrivalMarkers(target)).toEqual(["k1", "k2", "k3", "k4", "k5", "k6", "k7"]);
    expect(accepted(target.deliveries)).toEqual(["k1", "k2", "k3", "k4", "k5", "k6", "k7"]);
    expect(target.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
  });

  it("a poison event ends in the dead letters after the configured attempts; later events flow", async () => {
    const picky = await listener("pg-picky");
    picky.behaviour = (delivery) =>
      delivery.events.some((event) => event.payload.name === "poison") ? { status: 500 } : { status: 200 };
    for (const marker of ["p1", "poison", "p2"]) await onB.event(marker);
    await bridge({ BRIDGE_MAX_ATTEMPTS: "3" });
    await eventually("the later event is accepted", () => accepted(picky.deliveries).includes("p2"));
    await onB.event("p3");
    await eventually("events keep flowing", () => accepted(picky.deliveries).includes("p3"));
    expect(accepted(picky.deliveries)).toEqual(["p1", "p2", "p3"]);
    const letters = await onB.rest<{
      deadLetters: { attempts: number; event: { payload: { name: string } } }[];
    }>("GET", "/webhooks/listeners/pg-picky/dead-letters");
    expect(letters.body.deadLetters.map((l) => [l.event.payload.name, l.attempts])).toEqual([["poison", 3]]);
  });

  it("a restart of the replica the bridge talks to loses nothing", async () => {
    const target = await listener("pg-restart-target");
    target.behaviour = () => ({ status: 200, delayMs: 100 });
    await bridge();
    for (const marker of ["r1", "r2", "r3"]) await onB.event(marker);
    await eventually("delivery started", () => target.deliveries.length > 0);
    await replicaA.restart();
    for (const marker of ["r4", "r5"]) await onB.event(marker);
    await eventually("every event arrives", () => firstArrivalMarkers(target).length === 5);
    expect(firstArrivalMarkers(target)).toEqual(["r1", "r2", "r3", "r4", "r5"]);
  });
});
