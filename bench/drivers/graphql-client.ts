import type { HttpTarget } from "../harness.js";

/** A GraphQL POST to the portal, as a load target or for a single call. */
export function graphqlTarget(
  url: string,
  query: string,
  variables: object,
  headers: Readonly<Record<string, string>> = {},
): HttpTarget {
  return {
    url: `${url}/graphql`,
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  };
}

/** Sends the target once and returns `data`; throws with the answer when it carries errors. */
export async function callOnce(target: HttpTarget): Promise<Record<string, unknown>> {
  const response = await fetch(target.url, {
    method: target.method ?? "GET",
    headers: target.headers ?? {},
    ...(target.body === undefined ? {} : { body: target.body }),
  });
  const answer = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown };
  if (!response.ok || answer.errors !== undefined || answer.data === undefined) {
    throw new Error(`${target.url} answered ${response.status}: ${JSON.stringify(answer).slice(0, 500)}`);
  }
  return answer.data;
}

const signIn = "mutation SignIn($input: SignInInput!) { signIn(input: $input) { viewer { id } } }";
const createAccessToken =
  "mutation Token($input: CreateAccessTokenInput!) { createAccessToken(input: $input) { token } }";

/**
 * Signs in with e-mail and password and creates a personal access token with write scope, so load runs send
 * `Authorization: Bearer pat_…` (the token's owner, scope and last use are checked on every request).
 */
export async function writeAccessToken(
  url: string,
  credentials: { readonly email: string; readonly password: string },
): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: signIn,
      variables: { input: { email: credentials.email, password: credentials.password } },
    }),
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("portal_session="));
  if (!response.ok || cookie === undefined) throw new Error(`sign-in failed: ${await response.text()}`);
  const data = await callOnce(
    graphqlTarget(
      url,
      createAccessToken,
      { input: { name: "benchmark", scope: "WRITE" } },
      { cookie: cookie.split(";")[0] ?? "" },
    ),
  );
  const token = (data.createAccessToken as { token?: unknown } | undefined)?.token;
  if (typeof token !== "string")
    throw new Error(`createAccessToken returned no token: ${JSON.stringify(data)}`);
  return token;
}
