import type { Dialect } from "../database/database.types.js";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";

/** Service accounts of the webhook tests: the bridge delivers; mailer and kong register their own listeners. */
export const serviceTokens = {
  bridge: "bridge-token-0123456789abcdefghijklmnopqrstuv",
  mailer: "mailer-token-0123456789abcdefghijklmnopqrstuv",
  kong: "kong-token-0123456789abcdefghijklmnopqrstuvwxyz",
  reader: "reader-token-0123456789abcdefghijklmnopqrstuv",
} as const;

export const serviceAccountsEnv = [
  `bridge:read-write:${serviceTokens.bridge}`,
  `mailer:read-write:${serviceTokens.mailer}`,
  `kong:read-write:${serviceTokens.kong}`,
  `reader:read:${serviceTokens.reader}`,
].join(",");

export interface HttpAnswer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export type Caller = <T = Record<string, unknown>>(
  method: "GET" | "PUT" | "POST" | "DELETE",
  path: string,
  body?: unknown,
) => Promise<HttpAnswer<T>>;

export interface WebhookTestServer {
  readonly server: PortalTestServer;
  /** Callers by credential: service accounts, an administrator's write and read tokens, a developer, nobody. */
  readonly as: Record<
    keyof typeof serviceTokens | "admin" | "adminReadOnly" | "developer" | "anonymous",
    Caller
  >;
  /** Appends an `access_token.created` event (the administrator creates a token) and returns its sequence. */
  event(name?: string): Promise<number>;
  newestSequence(): Promise<number>;
  stop(): Promise<void>;
}

const signUp = `mutation ($input: SignUpInput!) { signUp(input: $input) { userId } }`;
const verify = `mutation ($token: String!) { verifyEmail(input: { token: $token }) { email } }`;
const signIn = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { expiresAt } }`;
const createToken = `mutation ($name: String!, $scope: AccessScope!) {
  createAccessToken(input: { name: $name, scope: $scope }) { token } }`;

export function caller(url: string, token: string | null): Caller {
  return async (method, path, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${url}${path}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text === "" ? null : JSON.parse(text)) as never };
  };
}

/** The whole portal with the webhook service accounts, an administrator's tokens and a developer's token. */
export async function startWebhookTestServer(backend: Dialect): Promise<WebhookTestServer> {
  const server = await startPortalTestServer({
    backend,
    env: { PORTAL_SERVICE_ACCOUNTS: serviceAccountsEnv },
  });
  const admin = server.client();
  await admin.ok(signIn, TEST_ADMIN);
  const adminToken = async (scope: "READ" | "WRITE") =>
    (await admin.ok<{ createAccessToken: { token: string } }>(createToken, { name: `admin ${scope}`, scope }))
      .createAccessToken.token;
  const developer = server.client();
  const email = "dev@webhooks.test";
  const password = "Developer-password-42";
  await developer.ok(signUp, {
    input: { email, password, displayName: "Dev", profile: [{ field: "name", value: "Dev" }] },
  });
  const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
  await developer.ok(verify, { token: new URL(mail.link).searchParams.get("token") });
  await developer.ok(signIn, { email, password });
  const developerToken = (
    await developer.ok<{ createAccessToken: { token: string } }>(createToken, { name: "dev", scope: "WRITE" })
  ).createAccessToken.token;
  const db = server.portal.database.db;
  const newestSequence = async () =>
    Number(
      (
        await db
          .selectFrom("outbox_events")
          .select((eb) => eb.fn.max("sequence").as("max"))
          .executeTakeFirst()
      )?.max ?? 0,
    );
  return {
    server,
    as: {
      bridge: caller(server.url, serviceTokens.bridge),
      mailer: caller(server.url, serviceTokens.mailer),
      kong: caller(server.url, serviceTokens.kong),
      reader: caller(server.url, serviceTokens.reader),
      admin: caller(server.url, await adminToken("WRITE")),
      adminReadOnly: caller(server.url, await adminToken("READ")),
      developer: caller(server.url, developerToken),
      anonymous: caller(server.url, null),
    },
    async event(name = "event") {
      await admin.ok(createToken, { name, scope: "READ" });
      return newestSequence();
    },
    newestSequence,
    stop: () => server.stop(),
  };
}
