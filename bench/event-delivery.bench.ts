import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  adminCredentials,
  BridgeProcess,
  listenerToken,
  PortalProcess,
} from "../bridge/src/testing/processes.js";
import { openDatabase } from "../server/src/database/database.js";
import { createLogger } from "../server/src/observability/logger.js";
import { readProcessEnvironment } from "../server/src/runtime-config/environment.js";
import { appendAtRate, produceAtRate, type ProducedRun } from "./drivers/event-producer.js";
import { WebhookSink } from "./drivers/webhook-sink.js";
import { benchSettings, percentile, type BenchResult, type BenchTable } from "./harness.js";

export const name = "event-delivery";

const LISTENERS = 3;
const LATENCY_RATES = [10, 100, 1000];
const THROUGHPUT_RATES = [500, 1000, 2000, 4000, 8000];
/** A rate counts as sustained when every listener has every event this soon after production stops. */
const SUSTAINED_DRAIN_MS = 1000;

/**
 * End to end through real processes: the portal (SQLite) and the bridge each in their own process, three webhook
 * listeners on local sockets in this one. Latency is from a committed `createAccessToken` mutation (its answer
 * arrived) to the event's arrival at a listener; the baseline is a bare HTTP POST round trip to the same kind of
 * listener, measured in the same run. `BENCH_SECONDS` per rate; `BENCH_EVENT_DELIVERY_MEMORY_SECONDS` (default 60;
 * 600 for the 10-minute run) for the bridge's memory at 100 events/s.
 */
export async function run(): Promise<BenchResult> {
  const settings = benchSettings();
  const env = readProcessEnvironment();
  const memorySeconds = Number(env.BENCH_EVENT_DELIVERY_MEMORY_SECONDS || "60");
  if (!Number.isInteger(memorySeconds) || memorySeconds <= 0)
    throw new Error("BENCH_EVENT_DELIVERY_MEMORY_SECONDS: must be a positive integer (seconds)");
  const tables: BenchTable[] = [];
  const sinks = await Promise.all(Array.from({ length: LISTENERS }, () => WebhookSink.start()));
  const dataDir = await mkdtemp(path.join(tmpdir(), "bench-event-delivery-"));
  const databaseFile = path.join(dataDir, "portal.sqlite");
  let portal: PortalProcess | undefined;
  let bridge: BridgeProcess | undefined;
  try {
    const baseline = await bareRoundTrip(sinks[0] as WebhookSink, 2000);

    portal = await PortalProcess.start({ DATABASE_URL: `sqlite:${databaseFile}` });
    const portalUrl = portal.url;
    for (const [index, sink] of sinks.entries()) await register(portalUrl, `bench-${index}`, sink.url);
    // The bridge's defaults, not the quick timings of the process tests.
    bridge = await BridgeProcess.start(portalUrl, {
      BRIDGE_LEASE_TTL_SECONDS: "30",
      BRIDGE_POLL_INTERVAL_MS: "1000",
      BRIDGE_LISTENER_REFRESH_MS: "5000",
      BRIDGE_DELIVERY_TIMEOUT_MS: "10000",
    });
    const cookie = await signIn(portalUrl);

    const warmUp = await produceAtRate(portalUrl, cookie, "warm", 50, 2);
    await allArrived(sinks, warmUp, 30_000);

    const latencyRows: (string | number)[][] = [
      [
        "bare HTTP POST round trip (baseline)",
        "—",
        2000,
        ms(baseline.p50),
        ms(baseline.p99),
        "1.00",
        "—",
        "—",
        "—",
      ],
    ];
    const cpu = () => ({ portal: cpuMs(portal?.pid), bridge: cpuMs(bridge?.proc.child.pid) });
    for (const rate of LATENCY_RATES) {
      const before = cpu();
      const produced = await produceAtRate(portalUrl, cookie, `r${rate}`, rate, settings.seconds);
      await allArrived(sinks, produced, 60_000);
      const after = cpu();
      const events = produced.committedAt.size;
      const fromCommit = latencies(sinks, produced.committedAt);
      const fromSend = latencies(sinks, produced.sentAt);
      latencyRows.push([
        `${rate} events/s (achieved ${produced.achievedRate.toFixed(0)}/s)`,
        LISTENERS,
        fromCommit.count,
        ms(fromCommit.p50),
        ms(fromCommit.p99),
        (fromCommit.p99 / baseline.p99).toFixed(2),
        `${ms(fromSend.p50)} / ${ms(fromSend.p99)}`,
        ((after.portal - before.portal) / events).toFixed(2),
        ((after.bridge - before.bridge) / events).toFixed(2),
      ]);
    }
    tables.push({
      title: "Latency from a committed mutation to a listener",
      columns: [
        "case",
        "listeners",
        "receipts",
        "p50 ms",
        "p99 ms",
        "p99 vs baseline",
        "from sending the mutation p50 / p99 ms",
        "portal CPU ms/event",
        "bridge CPU ms/event",
      ],
      rows: latencyRows,
    });

    tables.push(await throughput(databaseFile, sinks, settings.seconds, cpu));
    tables.push(await memory(portalUrl, cookie, sinks, bridge, memorySeconds));
  } finally {
    await bridge?.stop();
    await portal?.remove();
    await Promise.all(sinks.map((sink) => sink.close()));
    await rm(dataDir, { recursive: true, force: true });
  }
  return {
    name,
    description:
      "Webhook delivery end to end: portal and bridge processes, three listeners on loopback (see docs/webhooks.md).",
    settings,
    baseline: "bare HTTP POST round trip",
    cases: [],
    tables,
  };
}

/** The highest append rate every listener keeps up with (the log is written directly, see `appendAtRate`). */
async function throughput(
  databaseFile: string,
  sinks: WebhookSink[],
  seconds: number,
  cpu: () => { portal: number; bridge: number },
): Promise<BenchTable> {
  const database = await openDatabase(
    { kind: "sqlite", file: databaseFile, connectTimeoutMs: 5000 },
    createLogger({ level: "warn" }),
  );
  const rows: (string | number)[][] = [];
  try {
    for (const rate of THROUGHPUT_RATES) {
      const prefix = `t${rate}`;
      const before = cpu();
      const started = performance.now();
      const produced = await appendAtRate(database, prefix, rate, seconds);
      const producedAt = performance.now();
      const markers = Array.from({ length: produced.appended }, (_, i) => `${prefix}-${i}`);
      const complete = await waitUntil(
        () => sinks.every((sink) => markers.every((marker) => sink.arrivals.has(marker))),
        seconds * 20_000,
      );
      const lastArrival = Math.max(
        ...sinks.flatMap((sink) => markers.map((marker) => sink.arrivals.get(marker) ?? 0)),
      );
      const drainMs = lastArrival - producedAt;
      const after = cpu();
      const sustained = complete && drainMs <= SUSTAINED_DRAIN_MS;
      rows.push([
        `${rate} events/s`,
        produced.achievedRate.toFixed(0),
        complete ? ((produced.appended / (lastArrival - started)) * 1000).toFixed(0) : "incomplete",
        complete ? Math.round(drainMs) : "—",
        sustained ? "yes" : "no",
        ((after.portal - before.portal) / produced.appended).toFixed(3),
        ((after.bridge - before.bridge) / produced.appended).toFixed(3),
      ]);
      if (!sustained) break;
    }
  } finally {
    await database.close();
  }
  return {
    title: `Sustained rate (${LISTENERS} listeners; sustained: all delivered within ${SUSTAINED_DRAIN_MS} ms after production stops)`,
    columns: [
      "offered",
      "appended/s",
      "delivered/s per listener",
      "drain after stop ms",
      "sustained",
      "portal CPU ms/event",
      "bridge CPU ms/event",
    ],
    rows,
  };
}

/** The bridge's resident memory at 100 events/s; growth is the end against the state right after warm-up. */
async function memory(
  portalUrl: string,
  cookie: string,
  sinks: WebhookSink[],
  bridge: BridgeProcess,
  seconds: number,
): Promise<BenchTable> {
  const pid = bridge.proc.child.pid;
  if (pid === undefined) throw new Error("the bridge has no pid");
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(residentMiB(pid)), 1000);
  try {
    const produced = await produceAtRate(portalUrl, cookie, "mem", 100, seconds);
    await allArrived(sinks, produced, 60_000);
  } finally {
    clearInterval(sampler);
  }
  const warm = Math.max(1, Math.floor(samples.length / 4));
  const window = Math.max(1, Math.floor(samples.length / 10));
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const afterWarmUp = mean(samples.slice(warm, warm + window));
  const atEnd = mean(samples.slice(-window));
  return {
    title: `Bridge memory at 100 events/s over ${seconds} s (RSS of the bridge process, sampled every second)`,
    columns: ["first sample MiB", "after warm-up MiB", "end MiB", "peak MiB", "growth after warm-up"],
    rows: [
      [
        (samples[0] ?? 0).toFixed(1),
        afterWarmUp.toFixed(1),
        atEnd.toFixed(1),
        Math.max(...samples).toFixed(1),
        `${(((atEnd - afterWarmUp) / afterWarmUp) * 100).toFixed(1)} %`,
      ],
    ],
  };
}

/** CPU time (user + system) a process has used so far, in milliseconds (from /proc, 10 ms resolution). */
function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function residentMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kib = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kib / 1024;
}

/** Sequential POSTs of a one-event batch to a listener: what a delivery costs without the portal and bridge. */
async function bareRoundTrip(sink: WebhookSink, count: number): Promise<{ p50: number; p99: number }> {
  const body = JSON.stringify([{ id: "1", sequence: 1, name: "access_token.created", payload: {} }]);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const response = await fetch(sink.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    await response.arrayBuffer();
    times.push(performance.now() - started);
  }
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

function latencies(sinks: WebhookSink[], from: Map<string, number>) {
  const values: number[] = [];
  for (const sink of sinks) {
    for (const [marker, at] of from) {
      const arrived = sink.arrivals.get(marker);
      if (arrived !== undefined) values.push(arrived - at);
    }
  }
  return { count: values.length, p50: percentile(values, 0.5), p99: percentile(values, 0.99) };
}

function ms(value: number): string {
  return value.toFixed(1);
}

async function allArrived(sinks: WebhookSink[], produced: ProducedRun, timeoutMs: number): Promise<void> {
  const markers = [...produced.committedAt.keys()];
  const complete = await waitUntil(
    () => sinks.every((sink) => markers.every((marker) => sink.arrivals.has(marker))),
    timeoutMs,
  );
  if (!complete) throw new Error(`not every event reached every listener within ${timeoutMs} ms`);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return true;
}

async function register(portalUrl: string, id: string, url: string): Promise<void> {
  const response = await fetch(`${portalUrl}/webhooks/listeners/${id}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${listenerToken}`, "content-type": "application/json" },
    body: JSON.stringify({ url, events: ["access_token.*"] }),
  });
  if (response.status !== 201) throw new Error(`registering ${id} failed: ${await response.text()}`);
}

async function signIn(portalUrl: string): Promise<string> {
  const response = await fetch(`${portalUrl}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `mutation ($email: String!, $password: String!) { signIn(input: { email: $email, password: $password }) { expiresAt } }`,
      variables: adminCredentials,
    }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  if (!cookie) throw new Error(`signing in failed: ${await response.text()}`);
  return cookie.split(";")[0] ?? "";
}
