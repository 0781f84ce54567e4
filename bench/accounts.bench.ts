import {
  benchSettings,
  compareWithBaseline,
  measure,
  startBenchPortal,
  type BenchResult,
  type HttpTarget,
  type Measurement,
} from "./harness.js";

export const name = "accounts";

const baseline = "portal GET /healthz";
const admin = { email: "bench-admin@portal.test", password: "Bench-admin-password-1" };

function graphql(
  url: string,
  query: string,
  variables: object,
  headers: Record<string, string> = {},
): HttpTarget {
  return {
    url: `${url}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  };
}

const signIn = "mutation SignIn($input: SignInInput!) { signIn(input: $input) { viewer { id } } }";

async function sessionCookie(url: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ query: signIn, variables: { input: admin } }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  if (!response.ok || cookie === undefined) throw new Error(`sign-in failed: ${await response.text()}`);
  return cookie.split(";")[0] ?? "";
}

/**
 * The authenticated `viewer` query (session lookup, user and groups, GraphQL execution) and sign-in (argon2id
 * verification, session insert, audit entry) against the server's own bare `/healthz` in the same run.
 */
export async function run(): Promise<BenchResult> {
  const settings = benchSettings();
  const measurements: Measurement[] = [];
  const portal = await startBenchPortal({
    PORTAL_ADMIN_EMAIL: admin.email,
    PORTAL_ADMIN_PASSWORD: admin.password,
  });
  try {
    const cookie = await sessionCookie(portal.url);
    measurements.push(await measure(baseline, `${portal.url}/healthz`, settings));
    measurements.push(
      await measure(
        "viewer query (session cookie)",
        graphql(
          portal.url,
          "query Viewer { viewer { id email displayName isAdmin groups { id } } }",
          {},
          { cookie },
        ),
        settings,
      ),
    );
    measurements.push(
      await measure("signIn mutation (argon2id)", graphql(portal.url, signIn, { input: admin }), settings),
    );
  } finally {
    await portal.close();
  }
  return {
    name,
    description:
      "Authenticated viewer query and sign-in, next to the bare /healthz route of the same server.",
    settings,
    baseline,
    cases: compareWithBaseline(measurements, baseline),
  };
}
