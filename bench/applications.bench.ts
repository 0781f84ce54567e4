import { readProcessEnvironment } from "../server/src/runtime-config/environment.js";
import { postgresAvailability } from "../server/src/testing/postgres.js";
import { callOnce, graphqlTarget, writeAccessToken } from "./drivers/graphql-client.js";
import {
  benchSettings,
  compareWithBaseline,
  measure,
  startBenchPortal,
  type BenchCase,
  type BenchResult,
  type BenchSettings,
  type Measurement,
} from "./harness.js";
import type { DatabaseHandle } from "../server/src/database/database.types.js";
import {
  createBenchDatabase,
  refreshPlannerStatistics,
  type BenchBackend,
  type BenchDatabase,
} from "./seed/bench-database.js";
import { benchApplicationId, benchDeveloper, seedSubscribeTargets } from "./seed/bench-fixture.js";
import { newBenchKeys } from "./seed/bench-keys.js";
import { LARGE_POPULATION } from "./seed/population.js";
import { seedDatabase } from "./seed/seed-database.js";

export const name = "applications";

type DatabaseSize = "small" | "large";

const baselineCase = "GET /healthz";
const catalogCase = "catalog query (visible APIs with plans)";
const applicationCase = "application with subscriptions and credentials";
const subscribeCase = "subscribe (auto-approved, API key issued)";

const catalogQuery = `query Catalog {
  apis(first: 100) {
    totalCount
    edges { node { id name summary tags deprecated partner subscribable authMethod
      plans { id name needsApproval limits } } }
  }
}`;

const applicationQuery = `query Application($id: ID!) {
  application(id: $id) {
    id name clientType viewerRole
    subscriptions {
      id status createdAt
      api { id name }
      plan { id name needsApproval }
      credentials { id kind apiKey clientId clientSecret expiresAt }
    }
  }
}`;

const subscribeMutation = `mutation Subscribe($input: SubscribeInput!) {
  subscribe(input: $input) {
    subscription { id status credentials { id kind apiKey } }
  }
}`;

/** Placeholder for the application id that the driver replaces per request. */
const APPLICATION_PLACEHOLDER = "__APPLICATION_ID__";

/**
 * The catalog, one application with its subscriptions and credentials, and subscribe with auto-approval, each as the
 * bench developer with a personal access token, next to the bare `/healthz` of the same server; on a small
 * database (the fixture only) and on a seeded one (10,000 users, 20,000 applications, 50,000 subscriptions), on
 * SQLite and on PostgreSQL. `BENCH_BACKENDS` (`sqlite,postgres`) and `BENCH_DATABASES` (`small,large`) narrow it.
 */
export async function run(): Promise<BenchResult> {
  const settings = benchSettings();
  const env = readProcessEnvironment();
  const backends = listSetting(env.BENCH_BACKENDS, ["sqlite", "postgres"] as const, "BENCH_BACKENDS");
  const sizes = listSetting(env.BENCH_DATABASES, ["small", "large"] as const, "BENCH_DATABASES");
  const notes: string[] = [];
  const cases: BenchCase[] = [];
  for (const backend of backends) {
    if (backend === "postgres") {
      const availability = await postgresAvailability();
      if (!availability.available) {
        notes.push(`PostgreSQL skipped: ${availability.reason ?? "unavailable"}.`);
        continue;
      }
    }
    for (const size of sizes) {
      const label = `${backend === "sqlite" ? "SQLite" : "PostgreSQL"} ${size}`;
      process.stderr.write(`  ${label}: seeding…\n`);
      const measurements = await measureDatabase(backend, size, settings);
      const labelled = measurements.map((m) => ({ ...m, label: `${label} · ${m.label}` }));
      cases.push(...compareWithBaseline(labelled, `${label} · ${baselineCase}`));
    }
  }
  return {
    name,
    description: [
      "Portal API as a signed-in developer (personal access token): the catalog, one application with its " +
        "subscriptions and credentials, and subscribe with auto-approval (each request a new application). " +
        "Each database's ratios are to the /healthz of the same server. Small: the benchmark fixture only; large: " +
        `plus ${LARGE_POPULATION.users} users, ${LARGE_POPULATION.applications} applications, ` +
        `${LARGE_POPULATION.subscriptions} subscriptions with credentials.`,
      ...largeToSmall(cases),
      ...notes,
    ].join(" "),
    settings,
    baseline: baselineCase,
    cases,
  };
}

async function measureDatabase(
  backend: BenchBackend,
  size: DatabaseSize,
  settings: BenchSettings,
): Promise<Measurement[]> {
  const keys = newBenchKeys();
  const database = await createBenchDatabase(backend);
  try {
    await withConnection(database, async (handle) => {
      await seedDatabase(handle.db, {
        keyRing: keys.keyRing,
        population: size === "large" ? LARGE_POPULATION : null,
      });
      await refreshPlannerStatistics(handle);
    });
    const portal = await startBenchPortal({
      DATABASE_URL: database.databaseUrl,
      PORTAL_ENCRYPTION_KEYS: keys.encryptionKeys,
    });
    try {
      const token = await writeAccessToken(portal.url, benchDeveloper);
      const auth = { authorization: `Bearer ${token}` };
      const catalog = graphqlTarget(portal.url, catalogQuery, {}, auth);
      const application = graphqlTarget(portal.url, applicationQuery, { id: benchApplicationId }, auth);
      await expectCatalog(catalog);
      await expectApplication(application);
      const measurements = [
        await measure(baselineCase, `${portal.url}/healthz`, settings),
        await measure(catalogCase, catalog, settings),
        await measure(applicationCase, application, settings),
      ];
      // Created only now, so the reads above ran on the small database proper.
      // Analyzed again, as autovacuum would after such a bulk load: planning on the statistics of the database
      // without them, PostgreSQL looks the caller's membership up by user (now tens of thousands) not by key.
      const targets = await withConnection(database, async (handle) => {
        const created = await seedSubscribeTargets(
          handle.db,
          `${backend}-${size}`,
          subscribeTargetCount(settings),
        );
        await refreshPlannerStatistics(handle);
        return created;
      });
      const subscribe = graphqlTarget(
        portal.url,
        subscribeMutation,
        { input: { applicationId: APPLICATION_PLACEHOLDER, apiId: "orders", planId: "free" } },
        auth,
      );
      await expectSubscribed(subscribe, targets[0] ?? "");
      measurements.push(
        await measure(
          subscribeCase,
          { ...subscribe, perRequest: { placeholder: APPLICATION_PLACEHOLDER, values: targets.slice(1) } },
          settings,
        ),
      );
      return measurements;
    } finally {
      await portal.close();
    }
  } finally {
    await database.drop();
  }
}

async function withConnection<T>(
  database: BenchDatabase,
  work: (handle: DatabaseHandle) => Promise<T>,
): Promise<T> {
  const handle = await database.open();
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

/** Enough fresh applications for 3,000 subscriptions/s over the warm-up and the measured run. */
function subscribeTargetCount(settings: BenchSettings): number {
  return 3_000 * (settings.warmupSeconds + settings.seconds) + 1;
}

async function expectCatalog(target: Parameters<typeof callOnce>[0]): Promise<void> {
  const data = (await callOnce(target)) as { apis: { edges: { node: { plans: unknown[] } }[] } };
  const plans = data.apis.edges.reduce((sum, edge) => sum + edge.node.plans.length, 0);
  if (data.apis.edges.length < 3 || plans === 0) {
    throw new Error(`the catalog query found too little: ${JSON.stringify(data).slice(0, 300)}`);
  }
}

async function expectApplication(target: Parameters<typeof callOnce>[0]): Promise<void> {
  const data = (await callOnce(target)) as {
    application: {
      subscriptions: { credentials: { apiKey: string | null; clientSecret: string | null }[] }[];
    };
  };
  const secrets = data.application.subscriptions.flatMap((s) =>
    s.credentials.map((c) => c.apiKey ?? c.clientSecret),
  );
  if (secrets.length !== 2 || secrets.some((secret) => !secret)) {
    throw new Error(`the application query did not show two decrypted credentials: ${JSON.stringify(data)}`);
  }
}

async function expectSubscribed(
  target: Parameters<typeof callOnce>[0],
  applicationId: string,
): Promise<void> {
  const data = (await callOnce({
    ...target,
    body: target.body?.replace(APPLICATION_PLACEHOLDER, applicationId),
  })) as { subscribe: { subscription: { status: string; credentials: { apiKey: string | null }[] } } };
  const { status, credentials } = data.subscribe.subscription;
  if (status !== "APPROVED" || !credentials[0]?.apiKey) {
    throw new Error(`subscribe was not approved with an API key: ${JSON.stringify(data)}`);
  }
}

/** Large against small database per backend and case (the issue: reads within 1.5x), for the description. */
function largeToSmall(cases: readonly BenchCase[]): string[] {
  const lines: string[] = [];
  for (const backend of ["SQLite", "PostgreSQL"]) {
    for (const caseName of [catalogCase, applicationCase, subscribeCase]) {
      const small = cases.find((c) => c.label === `${backend} small · ${caseName}`);
      const large = cases.find((c) => c.label === `${backend} large · ${caseName}`);
      if (!small || !large || large.requestsPerSec === 0) continue;
      lines.push(
        `${backend} ${caseName}, large ÷ small: ` +
          `req/s ${(large.requestsPerSec / Math.max(small.requestsPerSec, 1)).toFixed(2)}, ` +
          `CPU µs/req ${(large.cpuMicrosPerRequest / Math.max(small.cpuMicrosPerRequest, 1)).toFixed(2)}, ` +
          `p99 ${(large.latencyP99Ms / Math.max(small.latencyP99Ms, 1)).toFixed(2)}.`,
      );
    }
  }
  return lines;
}

function listSetting<T extends string>(
  raw: string | undefined,
  allowed: readonly T[],
  variable: string,
): T[] {
  if (raw === undefined || raw.trim() === "") return [...allowed];
  const values = raw.split(",").map((v) => v.trim());
  const unknown = values.find((v) => !(allowed as readonly string[]).includes(v));
  if (unknown !== undefined) throw new Error(`${variable}: unknown "${unknown}"; use ${allowed.join(", ")}`);
  return values as T[];
}
