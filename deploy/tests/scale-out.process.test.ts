import { randomBytes } from "node:crypto";
import { get as httpGet, type IncomingMessage } from "node:http";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  adminCredentials,
  BridgeProcess,
  bridgeToken,
  PortalProcess,
  startProcess,
  waitFor,
  type RunningProcess,
} from "../../bridge/src/testing/processes.js";
import { TestListener } from "../../bridge/src/testing/listener-server.js";
import { PortalCalls } from "../../bridge/src/testing/portal-calls.js";
import { postgresAvailability, createTestPostgresDatabase } from "../../server/src/testing/postgres.js";
import type { TestPostgresDatabase } from "../../server/src/testing/postgres.js";
import { webPortalHeaders } from "../../server/src/web-portal/web-portal.headers.js";
import { loadStaticConfig } from "../../server/src/static-config/static-config.loader.js";
import { EventLogSubscription } from "./testing/event-log-subscription.js";
import { GatewayStandIn } from "./testing/gateway-stand-in.js";
import { findHaproxy, HaproxyProcess, inContinuousIntegration } from "./testing/haproxy.process.js";
import { PortalSession } from "./testing/portal-session.js";
import { createTestCertificate, type TestCertificate } from "./testing/tls-certificate.js";
import { VirtualHostClient } from "./testing/virtual-host-client.js";

/**
 * The scale-out proof with real processes: the real HAProxy running deploy/haproxy/haproxy.cfg (the file the
 * docker-compose setup uses) in front of two server replicas on one PostgreSQL database, the web portal on its own,
 * and two bridges, each following the log through a different replica.
 */
const PORTAL_HOST = "portal.test";
const API_HOST = "api.test";

const haproxyBinary = findHaproxy();
const required = inContinuousIntegration();
const postgres = await postgresAvailability();
const skipReason = !postgres.available
  ? postgres.reason
  : haproxyBinary === undefined && !required
    ? "haproxy is not installed (apt-get install haproxy); in CI (CI set) this test fails instead"
    : undefined;
if (skipReason) process.stderr.write(`[tests] skipping the scale-out test: ${skipReason}\n`);

async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(skipReason !== undefined)("scale-out behind HAProxy (real processes)", () => {
  let database: TestPostgresDatabase;
  let sql: pg.Client;
  let replicaA: PortalProcess;
  let replicaB: PortalProcess;
  let webPortal: RunningProcess;
  let gateway: GatewayStandIn;
  let certificate: TestCertificate;
  let haproxy: HaproxyProcess;
  let portalHost: VirtualHostClient;
  const bridges: BridgeProcess[] = [];
  const listeners: TestListener[] = [];
  /** The first event the listeners are registered for. */
  let firstListenedSequence = 0;

  const newestSequence = async () =>
    Number(
      (await sql.query<{ max: string | null }>("select max(sequence) from outbox_events")).rows[0]?.max ?? 0,
    );

  beforeAll(async () => {
    if (haproxyBinary === undefined)
      throw new Error("CI is set but haproxy is not installed (apt-get install haproxy)");
    database = await createTestPostgresDatabase();
    sql = new pg.Client({ connectionString: database.url });
    await sql.connect();
    const shared = {
      DATABASE_URL: database.url,
      PORTAL_ENCRYPTION_KEYS: `scale:${randomBytes(32).toString("base64")}`,
      PORTAL_TRUST_PROXY: "true",
    };
    // One after the other: the first applies the migrations and creates the administrator.
    replicaA = await PortalProcess.start(shared);
    replicaB = await PortalProcess.start(shared);
    webPortal = startProcess("server/src/web-portal/web-portal.main.ts", { HOST: "127.0.0.1", PORT: "0" });
    const webPortalUrl = await waitFor(
      "the web portal's start",
      () => /Web portal listening on http:\/\/(\S+)/.exec(webPortal.output())?.[1],
      30_000,
      webPortal,
    );
    gateway = await GatewayStandIn.start();
    certificate = await createTestCertificate([PORTAL_HOST, API_HOST]);
    haproxy = await HaproxyProcess.start(haproxyBinary, {
      PORTAL_HOST,
      API_HOST,
      HAPROXY_CERTS: certificate.haproxyPemFile,
      HAPROXY_CHECK_INTER: "500ms",
      PORTAL_SERVER_1: new URL(replicaA.url).host,
      PORTAL_SERVER_2: new URL(replicaB.url).host,
      WEB_PORTAL_SERVER: webPortalUrl,
      KONG_PROXY_SERVER: gateway.address,
      KONG_STATUS_PORT: String(gateway.port),
    });
    await haproxy.waitUntil("every backend server is up", async () =>
      (await haproxy.servers()).every((server) => server.status === "UP"),
    );
    portalHost = new VirtualHostClient(haproxy.ports.https, PORTAL_HOST, certificate.certificate);
  });

  afterAll(async () => {
    portalHost?.close();
    await Promise.all(bridges.map((bridge) => bridge.stop()));
    await Promise.all(listeners.map((listener) => listener.down()));
    await haproxy?.stop();
    if (webPortal && webPortal.child.exitCode === null) {
      webPortal.child.kill("SIGTERM");
      await webPortal.exited;
    }
    await gateway?.stop();
    await replicaA?.remove();
    await replicaB?.remove();
    await sql?.end();
    await database?.drop();
    await certificate?.remove();
  });

  it("routes by virtual host: server paths to the replicas, the rest to the web portal, the API host to Kong", async () => {
    const readiness = await portalHost.send("GET", "/readyz");
    expect(readiness.status).toBe(200);
    expect(JSON.parse(readiness.body)).toMatchObject({ status: "ok", checks: { database: { ok: true } } });

    const page = await portalHost.send("GET", "/apis/orders");
    expect([200, 503]).toContain(page.status); // 503 names the missing build when portal/dist is not built
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    // The same headers as the full server sends: both take the gateway URL from the static configuration.
    const staticConfig = await loadStaticConfig("deploy/config", {});
    for (const [name, value] of Object.entries(webPortalHeaders(staticConfig.portal.urls.apiGateway)))
      expect(page.headers[name]).toBe(value);
    const fromServer = await fetch(`${replicaA.url}/apis/orders`);
    for (const name of Object.keys(webPortalHeaders()))
      expect(page.headers[name]).toBe(fromServer.headers.get(name));

    expect((await portalHost.send("GET", "/metrics")).status).toBe(404);

    const api = new VirtualHostClient(haproxy.ports.https, API_HOST, certificate.certificate);
    const proxied = await api.send("GET", "/orders/v1/items");
    api.close();
    expect(JSON.parse(proxied.body)).toEqual({
      gateway: "stand-in",
      host: API_HOST,
      path: "/orders/v1/items",
    });

    const plain = await new Promise<IncomingMessage>((resolve, reject) =>
      httpGet(
        { host: "127.0.0.1", port: haproxy.ports.http, path: "/graphql", headers: { host: PORTAL_HOST } },
        resolve,
      ).on("error", reject),
    );
    plain.resume();
    expect(plain.statusCode).toBe(301);
    expect(plain.headers.location).toBe(`https://${PORTAL_HOST}/graphql`);

    const unknown = await portalHost.send("GET", "/", { headers: { host: "elsewhere.test" } });
    expect(unknown.status).toBe(421);
  });

  it("a session created through one replica works on the other, and through the load balancer", async () => {
    const onA = PortalSession.direct(replicaA.url);
    await onA.signIn(adminCredentials.email, adminCredentials.password);
    const onB = PortalSession.direct(replicaB.url);
    onB.cookie = onA.cookie;
    expect(await onB.viewerEmail()).toBe(adminCredentials.email);

    const balanced = PortalSession.through(portalHost);
    await balanced.signIn(adminCredentials.email, adminCredentials.password);
    for (const url of [replicaA.url, replicaB.url]) {
      const direct = PortalSession.direct(url);
      direct.cookie = balanced.cookie;
      expect(await direct.viewerEmail()).toBe(adminCredentials.email);
    }
  });

  it("a subscription held on replica A receives a change made through replica B", async () => {
    const from = (await newestSequence()) + 1;
    const subscription = EventLogSubscription.open({
      url: `${replicaA.url.replace(/^http/, "ws")}/graphql`,
      webSocketImpl: WebSocket,
      authorization: `Bearer ${bridgeToken}`,
      from,
    });
    try {
      // Let the subscription get past the stored events, so the change arrives through the live feed.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const onB = PortalSession.direct(replicaB.url);
      await onB.signIn(adminCredentials.email, adminCredentials.password);
      await onB.createAccessToken("made-on-b");
      await eventually("the change reaches replica A's subscriber", () => subscription.events.length > 0);
      expect(subscription.errors).toEqual([]);
      expect(subscription.names()).toEqual(["made-on-b"]);
    } finally {
      await subscription.close();
    }
  });

  it("WebSocket subscriptions pass through HAProxy (TLS, portal host, session cookie)", async () => {
    const session = PortalSession.through(portalHost);
    await session.signIn(adminCredentials.email, adminCredentials.password);
    const subscription = EventLogSubscription.open({
      url: portalHost.url("wss", "/graphql"),
      webSocketImpl: portalHost.webSocketClass({ cookie: session.cookie }),
      from: (await newestSequence()) + 1,
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await session.createAccessToken("through-haproxy");
      await eventually("the change arrives over the proxied WebSocket", () => subscription.events.length > 0);
      expect(subscription.errors).toEqual([]);
      expect(subscription.names()).toEqual(["through-haproxy"]);
    } finally {
      await subscription.close();
    }
  });

  it("two bridges on different replicas deliver each event to each listener once, in order, never at once", async () => {
    const calls = new PortalCalls(() => replicaA.url);
    for (const id of ["scale-one", "scale-two"]) {
      const listener = await TestListener.start();
      listener.behaviour = () => ({ status: 200, delayMs: 20 });
      listener.secret = await calls.register(id, listener.url);
      listeners.push(listener);
    }
    bridges.push(
      await BridgeProcess.start(replicaA.url, { BRIDGE_ID: "bridge-via-a", BRIDGE_BATCH_SIZE: "3" }),
    );
    bridges.push(
      await BridgeProcess.start(replicaB.url, { BRIDGE_ID: "bridge-via-b", BRIDGE_BATCH_SIZE: "3" }),
    );
    firstListenedSequence = (await newestSequence()) + 1;
    const markers = Array.from({ length: 12 }, (_, i) => `w${i + 1}`);
    const writers = [new PortalCalls(() => replicaA.url), new PortalCalls(() => replicaB.url)];
    for (const [i, marker] of markers.entries()) await writers[i % 2]!.event(marker);

    for (const listener of listeners) {
      await eventually(
        "every listener has every event",
        () => listener.firstArrivals().length >= markers.length,
      );
      const received = listener.deliveries.flatMap((delivery) => delivery.events.map((e) => e.payload.name));
      expect(received).toEqual(markers);
      expect(listener.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
      expect(listener.maxConcurrent).toBe(1);
    }
  });

  it("killing a replica under load: HAProxy takes it out, only in-flight requests fail, nothing acknowledged is lost", async () => {
    const session = PortalSession.through(portalHost);
    await session.signIn(adminCredentials.email, adminCredentials.password);
    const workers = 4;
    const acknowledged: string[] = [];
    const failed: { name: string; startedAt: number; error: string }[] = [];
    let killedAt = Number.POSITIVE_INFINITY;
    let stopAt = Number.POSITIVE_INFINITY;
    const work = async (worker: number) => {
      for (let i = 0; Date.now() < stopAt; i++) {
        const name = `load-${worker}-${i}`;
        const startedAt = Date.now();
        try {
          await session.createAccessToken(name);
          acknowledged.push(name);
        } catch (error) {
          failed.push({ name, startedAt, error: (error as Error).message });
        }
      }
    };
    const load = Promise.all(Array.from({ length: workers }, (_, worker) => work(worker)));
    await eventually("the load is under way", () => acknowledged.length >= 40);
    await replicaB.kill();
    killedAt = Date.now();
    await haproxy.waitUntil(
      "HAProxy marks the killed replica down",
      async () => (await haproxy.serverStatus("portal_api", "server2"))?.startsWith("DOWN") === true,
    );
    const acknowledgedBeforeDown = acknowledged.length;
    await eventually(
      "requests keep succeeding on the survivor",
      () => acknowledged.length >= acknowledgedBeforeDown + 40,
    );
    stopAt = Date.now();
    await load;

    process.stderr.write(
      `[scale-out] kill under load: ${acknowledged.length} writes acknowledged, ${failed.length} failed (in flight)\n`,
    );
    // Only the requests in flight when the replica died may fail: at most one per worker, all started before it.
    expect(failed.length, JSON.stringify(failed)).toBeLessThanOrEqual(workers);
    expect(failed.every((failure) => failure.startedAt <= killedAt)).toBe(true);
    const rows = await sql.query<{ name: string }>(
      "select name from personal_access_tokens where name like 'load-%'",
    );
    const stored = new Set(rows.rows.map((row) => row.name));
    expect(acknowledged.filter((name) => !stored.has(name))).toEqual([]);
    // A failed request may still have committed before its replica died; nothing else is stored.
    const attempted = new Set([...acknowledged, ...failed.map((failure) => failure.name)]);
    expect([...stored].filter((name) => !attempted.has(name))).toEqual([]);

    // The bridges (one of them followed the log through the killed replica) still deliver every event, in order.
    const sequences = (
      await sql.query<{ sequence: string }>(
        "select sequence from outbox_events where event_name like 'access_token.%' and sequence >= $1 order by sequence",
        [firstListenedSequence],
      )
    ).rows.map((row) => Number(row.sequence));
    for (const listener of listeners) {
      await eventually(
        "every listener catches up after the kill",
        () => listener.firstArrivals().length >= sequences.length,
        30_000,
      );
      expect(listener.firstArrivals()).toEqual(sequences);
      expect(listener.maxConcurrent).toBe(1);
    }
  });
});
