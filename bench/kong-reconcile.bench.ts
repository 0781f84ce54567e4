import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pino } from "pino";
import { createKongAdapterListener } from "../bridge/src/kong-adapter/kong-adapter.listener.js";
import { loadKongAdapterConfig } from "../bridge/src/kong-adapter/kong-adapter-config.js";
import { startKongDouble } from "../bridge/src/kong-double/kong-double.js";
import { PortalGraphQLClient } from "../bridge/src/listener-kit/portal-graphql-client.js";
import { runBuiltInListener } from "../bridge/src/listener-kit/run-listener.js";
import {
  adminCredentials,
  BridgeProcess,
  listenerToken,
  PortalProcess,
} from "../bridge/src/testing/processes.js";
import { readProcessEnvironment } from "../server/src/runtime-config/environment.js";
import {
  benchSettings,
  percentile,
  positiveNumber,
  repoRoot,
  type BenchResult,
  type BenchTable,
} from "./harness.js";
import { insertBatches, type RowBatch } from "./seed/batched-insert.js";
import { createBenchDatabase } from "./seed/bench-database.js";
import { newBenchKeys } from "./seed/bench-keys.js";
import { applicationRow, memberRow, subscriptionRows, userRow } from "./seed/rows.js";

export const name = "kong-reconcile";

const APIS = 200;
const OAUTH_EVERY = 4; // every 4th generated API uses OAuth2, the others key-auth
/** `BENCH_KONG_SUBSCRIPTIONS` for a quicker run; the figure is 10,000. */
const SUBSCRIPTIONS = positiveNumber(readProcessEnvironment(), "BENCH_KONG_SUBSCRIPTIONS", 10_000);
const APIS_PER_APPLICATION = 5;
const LATENCY_SAMPLES = 200;
const AT = "2026-03-01T00:00:00.000Z";

/**
 * The Kong adapter at scale: 10,000 approved subscriptions over 200 generated APIs (plus the sample
 * configuration's five) reconciled into an empty Kong Admin API double, then the no-op reconcile after it, then
 * approval → PROVISIONED latency through the bridge process and the adapter. The portal runs in its own process
 * (SQLite), the double and the adapter in this one. See docs/kong.md.
 */
export async function run(): Promise<BenchResult> {
  const settings = benchSettings();
  const configDir = generatedConfig();
  const database = await createBenchDatabase("sqlite");
  const keys = newBenchKeys();
  const kong = await startKongDouble();
  let portal: PortalProcess | undefined;
  let bridge: BridgeProcess | undefined;
  let listener: { close(): Promise<void> } | undefined;
  try {
    const handle = await database.open();
    try {
      await seed(handle.db, keys.keyRing);
    } finally {
      await handle.close();
    }
    portal = await PortalProcess.start({
      DATABASE_URL: database.databaseUrl,
      PORTAL_CONFIG_DIR: configDir,
      PORTAL_ENCRYPTION_KEYS: keys.encryptionKeys,
      LOG_LEVEL: "warn",
    });
    const receipts = new Map<string, number>();
    const graphql = new TimedGraphQLClient(portal.url, listenerToken, receipts);
    const config = loadKongAdapterConfig({
      KONG_ADMIN_URL: kong.url,
      KONG_ADAPTER_PORTAL_URL: portal.url,
      KONG_ADAPTER_TOKEN: listenerToken,
      KONG_ADAPTER_INSTALLATION: "bench",
      KONG_ADAPTER_RECONCILE_INTERVAL_SECONDS: "0",
    });
    const adapter = createKongAdapterListener(config, { logger: pino({ level: "warn" }), graphql });

    const fullStarted = performance.now();
    const full = await adapter.resync();
    const fullMs = performance.now() - fullStarted;
    const afterFull = kong.counts;
    if (full.failed.length > 0) throw new Error(`the full reconcile failed: ${full.failed[0]?.message}`);
    const objects = Object.fromEntries(
      (
        [
          "services",
          "routes",
          "consumers",
          "plugins",
          "keyauth_credentials",
          "oauth2_credentials",
          "acls",
        ] as const
      ).map((entity) => [entity, kong.store.count(entity)]),
    );
    const onePass = Object.values(objects).reduce(
      (sum, count) => sum + Math.max(1, Math.ceil(count / 1000)),
      0,
    );

    kong.clearLog();
    const noopStarted = performance.now();
    const noop = await adapter.resync();
    const noopMs = performance.now() - noopStarted;
    const afterNoop = kong.counts;

    const reconcileTable: BenchTable = {
      title: `Reconcile of ${SUBSCRIPTIONS.toLocaleString("en")} approved subscriptions over ${APIS} APIs (+5 sample APIs) into the Kong double`,
      columns: [
        "case",
        "wall time s",
        "objects to create",
        "Admin API writes",
        "Admin API reads",
        "receipts",
        "target",
      ],
      rows: [
        [
          "full reconcile into an empty Kong",
          (fullMs / 1000).toFixed(1),
          full.summary.create,
          afterFull.writes,
          afterFull.reads,
          full.receipts.provisioned,
          afterFull.writes === full.summary.create ? "writes = objects ✓" : "writes ≠ objects ✗",
        ],
        [
          "no-op reconcile right after",
          (noopMs / 1000).toFixed(1),
          noop.summary.create,
          afterNoop.writes,
          afterNoop.reads,
          noop.receipts.provisioned,
          afterNoop.writes === 0 && afterNoop.reads <= onePass
            ? `0 writes, reads ≤ one pass (${onePass}) ✓`
            : `✗ (one pass = ${onePass})`,
        ],
      ],
    };

    const arrivals = new Map<string, number>();
    const handleBatch = adapter.handle.bind(adapter);
    adapter.handle = async (events, delivery) => {
      const at = performance.now();
      for (const event of events) {
        const subscriptionId = (event.payload as { subscriptionId?: unknown }).subscriptionId;
        if (typeof subscriptionId === "string" && !arrivals.has(subscriptionId))
          arrivals.set(subscriptionId, at);
      }
      await handleBatch(events, delivery);
    };
    listener = await runBuiltInListener(adapter, {
      portalUrl: portal.url,
      token: listenerToken,
      logger: pino({ level: "warn" }),
    });
    process.stderr.write(`${JSON.stringify(reconcileTable.rows)}\n`);
    bridge = await BridgeProcess.start(portal.url, {
      LOG_LEVEL: "info", // the harness waits for the "bridge starting" line
      BRIDGE_LEASE_TTL_SECONDS: "30",
      BRIDGE_POLL_INTERVAL_MS: "1000",
      BRIDGE_LISTENER_REFRESH_MS: "5000",
      BRIDGE_DELIVERY_TIMEOUT_MS: "10000",
    });
    const latencyTable = await approvalLatency(portal.url, receipts, arrivals);
    return {
      name,
      description: `Kong adapter: full and no-op reconcile at ${SUBSCRIPTIONS.toLocaleString("en")} subscriptions, approval → PROVISIONED latency (docs/kong.md). Kong objects: ${JSON.stringify(objects)}.`,
      settings,
      baseline: "the approve mutation's own round trip",
      cases: [],
      tables: [reconcileTable, latencyTable],
    };
  } finally {
    await bridge?.stop();
    await listener?.close();
    await portal?.remove();
    await kong.close();
    await database.drop();
    rmSync(configDir, { recursive: true, force: true });
  }
}

/** Records when the adapter's PROVISIONED receipt for a subscription came back from the portal. */
class TimedGraphQLClient extends PortalGraphQLClient {
  constructor(
    url: string,
    token: string,
    private readonly receipts: Map<string, number>,
  ) {
    super(url, token);
  }

  override async request<TData>(query: string, variables: Record<string, unknown> = {}): Promise<TData> {
    const answer = await super.request<TData>(query, variables);
    if (query.includes("reportProvisioning")) {
      const input = variables.input as { subscriptionId: string };
      this.receipts.set(input.subscriptionId, performance.now());
    }
    return answer;
  }
}

/** Subscribes to a plan that needs approval, approves it, and waits for the adapter's receipt; one at a time. */
async function approvalLatency(
  portalUrl: string,
  receipts: Map<string, number>,
  arrivals: Map<string, number>,
): Promise<BenchTable> {
  const cookie = await signIn(portalUrl);
  const call = async <T>(query: string, variables: Record<string, unknown>) => {
    const response = await fetch(`${portalUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length) throw new Error(JSON.stringify(body.errors));
    return body.data as T;
  };
  const latencies: number[] = [];
  const approveTimes: number[] = [];
  const delivery: number[] = [];
  const adapterTimes: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES + 10; i++) {
    const applicationId = `latency-app-${i}`;
    await call(
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }`,
      {
        input: {
          id: applicationId,
          name: applicationId,
          clientType: "CONFIDENTIAL",
          redirectUris: ["https://l.example/cb"],
        },
      },
    );
    const subscribed = await call<{ subscribe: { subscription: { id: string } } }>(
      `mutation ($input: SubscribeInput!) { subscribe(input: $input) { subscription { id } } }`,
      { input: { applicationId, apiId: "orders", planId: "premium" } },
    );
    const id = subscribed.subscribe.subscription.id;
    const sent = performance.now();
    await call(
      `mutation ($input: ApproveSubscriptionInput!) { approveSubscription(input: $input) { subscription { id } } }`,
      {
        input: { subscriptionId: id },
      },
    );
    const approved = performance.now();
    const deadline = approved + 30_000;
    while (!receipts.has(id)) {
      if (performance.now() > deadline) throw new Error(`no receipt for ${id}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    if (i >= 10) {
      const receipt = receipts.get(id) as number;
      const arrived = arrivals.get(id) ?? receipt;
      latencies.push(receipt - approved);
      approveTimes.push(approved - sent);
      delivery.push(arrived - approved);
      adapterTimes.push(receipt - arrived);
    }
  }
  const p = percentile;
  const baselineP99 = p(approveTimes, 0.99);
  return {
    title: `Approval → PROVISIONED through the bridge process and the adapter (${LATENCY_SAMPLES} approvals, one at a time, loopback; target p99 < 100 ms)`,
    columns: ["case", "p50 ms", "p99 ms", "max ms", "p99 vs baseline"],
    rows: [
      [
        "approveSubscription round trip (baseline)",
        p(approveTimes, 0.5).toFixed(1),
        baselineP99.toFixed(1),
        Math.max(...approveTimes).toFixed(1),
        "1.00",
      ],
      [
        "approve answered → PROVISIONED receipt stored",
        p(latencies, 0.5).toFixed(1),
        p(latencies, 0.99).toFixed(1),
        Math.max(...latencies).toFixed(1),
        (p(latencies, 0.99) / baselineP99).toFixed(2),
      ],
      [
        "  of which: bridge delivery (approve answered → batch at the adapter)",
        p(delivery, 0.5).toFixed(1),
        p(delivery, 0.99).toFixed(1),
        Math.max(...delivery).toFixed(1),
        (p(delivery, 0.99) / baselineP99).toFixed(2),
      ],
      [
        "  of which: adapter (batch → Kong → receipt stored)",
        p(adapterTimes, 0.5).toFixed(1),
        p(adapterTimes, 0.99).toFixed(1),
        Math.max(...adapterTimes).toFixed(1),
        (p(adapterTimes, 0.99) / baselineP99).toFixed(2),
      ],
    ],
  };
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

/** The sample configuration plus 200 generated APIs (`bench-api-000` …), each with the free and basic plans. */
function generatedConfig(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bench-kong-config-"));
  cpSync(path.join(repoRoot, "deploy/config"), dir, { recursive: true });
  for (let i = 0; i < APIS; i++) {
    const id = apiId(i);
    const auth =
      i % OAUTH_EVERY === OAUTH_EVERY - 1
        ? "  type: oauth2\n  flows: [client_credentials]\n  scopes:\n    - id: read\n"
        : "  type: key-auth\n  headerName: X-ApiKey\n";
    mkdirSync(path.join(dir, "apis", id));
    writeFileSync(
      path.join(dir, "apis", id, "api.yaml"),
      `id: ${id}\nname: Bench API ${i}\nauth:\n${auth}upstream:\n  url: http://${id}.bench.internal:8080/v1\nroutes:\n  - paths: [/${id}]\nplans: [free, basic]\nplugins:\n  - name: correlation-id\n    config:\n      header_name: X-Correlation-ID\n`,
    );
  }
  return dir;
}

function apiId(index: number): string {
  return `bench-api-${String(index).padStart(3, "0")}`;
}

/** One developer, 2,000 applications, each subscribed (approved) to 5 of the generated APIs. */
async function seed(
  db: Parameters<typeof insertBatches>[0],
  keyRing: ReturnType<typeof newBenchKeys>["keyRing"],
): Promise<void> {
  const ownerId = "bench-owner";
  const applications = SUBSCRIPTIONS / APIS_PER_APPLICATION;
  const batches: RowBatch[] = [
    {
      users: [
        userRow({
          id: ownerId,
          email: "owner@bench.example",
          displayName: "Owner",
          passwordHash: null,
          at: AT,
        }),
      ],
    },
  ];
  for (let start = 0; start < applications; start += 500) {
    const batch = {
      applications: [],
      application_members: [],
      subscriptions: [],
      subscription_status_history: [],
      credentials: [],
    } as {
      [
        K in
          | "applications"
          | "application_members"
          | "subscriptions"
          | "subscription_status_history"
          | "credentials"
      ]: NonNullable<RowBatch[K]>[number][];
    };
    for (let a = start; a < Math.min(start + 500, applications); a++) {
      const applicationId = `bench-app-${String(a).padStart(5, "0")}`;
      batch.applications.push(applicationRow({ id: applicationId, name: applicationId, ownerId, at: AT }));
      batch.application_members.push(memberRow(applicationId, ownerId, "owner", AT));
      for (let k = 0; k < APIS_PER_APPLICATION; k++) {
        const index = (a * APIS_PER_APPLICATION + k) % APIS;
        const rows = subscriptionRows(keyRing, {
          applicationId,
          apiId: apiId(index),
          planId: k % 2 === 0 ? "free" : "basic",
          requestedBy: ownerId,
          approvedBy: null,
          provisioned: false,
          credential: index % OAUTH_EVERY === OAUTH_EVERY - 1 ? "oauth2" : "api_key",
          at: AT,
        });
        batch.subscriptions.push(rows.subscription);
        batch.subscription_status_history.push(...rows.history);
        batch.credentials.push(rows.credential);
      }
    }
    batches.push(batch);
  }
  await insertBatches(db, batches);
}
