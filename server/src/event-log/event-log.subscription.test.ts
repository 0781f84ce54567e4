import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { postgresAvailability } from "../testing/postgres.js";
import { backends } from "../testing/backends.js";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";

const serviceToken = "event-log-test-service-token-0123456789abcdef";
const subscription = `subscription ($from: SafeInt, $names: [String!]) {
  eventLog(from: $from, names: $names) { sequence name schemaVersion occurredAt actor { kind id } subjectIds payload }
}`;
const signIn = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { expiresAt }
}`;
const createToken = `mutation ($name: String!) {
  createAccessToken(input: { name: $name, scope: READ }) { accessToken { id } }
}`;

interface Received {
  readonly sequence: number;
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

function wsClient(server: PortalTestServer, bearer: string | null): Client {
  return createClient({
    url: `${server.url.replace(/^http/, "ws")}/graphql`,
    webSocketImpl: WebSocket,
    connectionParams: bearer ? { authorization: `Bearer ${bearer}` } : {},
    retryAttempts: 0,
  });
}

describe("eventLog subscription over graphql-ws", async () => {
  const postgres = await postgresAvailability();
  for (const backend of backends) {
    describe.skipIf(backend === "postgres" && !postgres.available)(backend, () => {
      let server: PortalTestServer;
      beforeAll(async () => {
        server = await startPortalTestServer({
          backend,
          env: { PORTAL_SERVICE_ACCOUNTS: `bridge:read:${serviceToken}` },
        });
      });
      afterAll(async () => {
        await server.stop();
      });

      it("streams stored events from a sequence, then live ones, to a service account", async () => {
        const admin = server.client();
        await admin.ok(signIn, TEST_ADMIN);
        await admin.ok(createToken, { name: "before" });
        const client = wsClient(server, serviceToken);
        try {
          const stream = client.iterate<{ eventLog: Received }>({
            query: subscription,
            variables: { from: 1, names: ["access_token.*"] },
          });
          const first = await stream.next();
          expect(first.value).toMatchObject({
            data: { eventLog: { name: "access_token.created", payload: { name: "before" } } },
          });
          await admin.ok(createToken, { name: "after" });
          const second = await stream.next();
          const [before, after] = [first, second].map(
            (r) => (r.value as { data: { eventLog: Received } }).data,
          );
          expect(after?.eventLog).toMatchObject({ name: "access_token.created", payload: { name: "after" } });
          expect(after?.eventLog.sequence).toBeGreaterThan(before?.eventLog.sequence ?? Infinity);
          await stream.return?.();
        } finally {
          await client.dispose();
        }
      });

      it("refuses anonymous callers with UNAUTHENTICATED", async () => {
        const client = wsClient(server, null);
        try {
          const stream = client.iterate({ query: subscription, variables: {} });
          const refused = await stream.next();
          expect(refused.value).toEqual({
            errors: [expect.objectContaining({ extensions: { code: "UNAUTHENTICATED" } })],
          });
        } finally {
          await client.dispose();
        }
      });
    });
  }
});
