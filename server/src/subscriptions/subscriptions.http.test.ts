import { randomBytes } from "node:crypto";
import { createClient, type Client } from "graphql-ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { backends } from "../testing/backends.js";
import type { TestGraphQLClient } from "../testing/graphql-client.js";
import { postgresAvailability } from "../testing/postgres.js";
import { startPortalTestServer, TEST_ADMIN, type PortalTestServer } from "../testing/portal-test-server.js";

/**
 * Subscriptions end to end, as browsers and the gateway adapter use them: the whole portal over HTTP, users who
 * signed up through the e-mailed links, sessions in cookies, live updates over graphql-ws.
 */
const password = "Sample-password-42";
const bridgeToken = `bridge-${randomBytes(24).toString("hex")}`;
const tokenOf = (link: string) => new URL(link).searchParams.get("token") ?? "";

const signIn = `mutation ($email: String!, $password: String!) {
  signIn(input: { email: $email, password: $password }) { expiresAt } }`;
const subscribeMutation = `mutation ($input: SubscribeInput!) {
  subscribe(input: $input) { subscription { id status credentials { kind apiKey expiresAt } } } }`;
const subscriptionQuery = `query ($id: ID!) {
  subscription(id: $id) { id status statusReason credentials { id kind apiKey } statusHistory { status } } }`;

interface Change {
  event: string;
  subscriptionId: string;
  subscription: { status: string } | null;
}

/** A graphql-ws client that connects with the browser's session cookie. */
function liveClient(url: string, cookie: string): Client {
  class CookieWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers: { cookie } });
    }
  }
  return createClient({
    url: url.replace(/^http/, "ws") + "/graphql",
    webSocketImpl: CookieWebSocket,
    retryAttempts: 0,
  });
}

/** Collects what a live subscription delivers; `next(n)` waits until n items arrived. */
function follow<T>(client: Client, query: string, variables: Record<string, unknown> = {}) {
  const items: T[] = [];
  const errors: unknown[] = [];
  let wake: (() => void) | undefined;
  const stop = client.subscribe<T>(
    { query, variables },
    {
      next: (value) => {
        if (value.errors) errors.push(...value.errors);
        if (value.data) items.push(value.data);
        wake?.();
      },
      error: (error) => {
        errors.push(error);
        wake?.();
      },
      complete: () => wake?.(),
    },
  );
  return {
    items,
    errors,
    stop,
    async next(count: number, timeoutMs = 8000): Promise<T[]> {
      const deadline = Date.now() + timeoutMs;
      while (items.length < count && errors.length === 0 && Date.now() < deadline) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 100);
        });
      }
      return items;
    },
  };
}

describe("subscriptions over HTTP and WebSocket", async () => {
  const postgres = await postgresAvailability();
  for (const backend of backends) {
    describe.skipIf(backend === "postgres" && !postgres.available)(backend, () => {
      let server: PortalTestServer;
      beforeAll(async () => {
        server = await startPortalTestServer({
          backend,
          env: {
            PORTAL_SERVICE_ACCOUNTS: `bridge:read-write:${bridgeToken}`,
            PORTAL_ENCRYPTION_KEYS: `http-test:${randomBytes(32).toString("base64")}`,
          },
        });
      });
      afterAll(async () => {
        await server?.stop();
      });

      async function signedUp(name: string): Promise<{ client: TestGraphQLClient; email: string }> {
        const client = server.client();
        const email = `${name}@example.com`;
        await client.ok(`mutation ($input: SignUpInput!) { signUp(input: $input) { userId } }`, {
          input: { email, password, displayName: name, profile: [{ field: "name", value: name }] },
        });
        const mail = await server.lastEvent("user.verification_requested", (p) => p.email === email);
        await client.ok(`mutation ($token: String!) { verifyEmail(input: { token: $token }) { email } }`, {
          token: tokenOf(mail.link),
        });
        await client.ok(signIn, { email, password });
        return { client, email };
      }

      async function applicationWithReader(owner: TestGraphQLClient, id: string, readerEmail: string) {
        await owner.ok(
          `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) { application { id } } }`,
          {
            input: { id, name: id, clientType: "CONFIDENTIAL", redirectUris: ["https://app.example/cb"] },
          },
        );
        await owner.ok(
          `mutation ($input: AddApplicationMemberInput!) { addApplicationMember(input: $input) { member { role } } }`,
          {
            input: { applicationId: id, email: readerEmail, role: "READER" },
          },
        );
      }

      it("subscribes with auto-approval: the key is in the payload for the owner, hidden from the reader; the gateway reports provisioning", async () => {
        const owner = await signedUp("oskar");
        const reader = await signedUp("rita");
        await applicationWithReader(owner.client, "oskar-shop", reader.email);

        const subscribed = await owner.client.ok<{
          subscribe: {
            subscription: { id: string; status: string; credentials: { kind: string; apiKey: string }[] };
          };
        }>(subscribeMutation, { input: { applicationId: "oskar-shop", apiId: "orders", planId: "free" } });
        const { id, status, credentials } = subscribed.subscribe.subscription;
        expect(status).toBe("APPROVED");
        expect(credentials).toEqual([
          { kind: "API_KEY", apiKey: expect.stringMatching(/^[\w-]{43}$/) as string, expiresAt: null },
        ]);

        const asReader = await reader.client.ok<{ subscription: { credentials: unknown } }>(
          subscriptionQuery,
          { id },
        );
        expect(asReader.subscription.credentials).toBeNull();
        const refused = await reader.client.request(subscribeMutation, {
          input: { applicationId: "oskar-shop", apiId: "payments", planId: "basic" },
        });
        expect(refused.errors[0]?.extensions?.code).toBe("FORBIDDEN");

        const bridge = server.client({ bearer: bridgeToken });
        const provisioned = await bridge.ok<{ reportProvisioning: { subscription: { status: string } } }>(
          `mutation ($id: ID!) { reportProvisioning(input: { subscriptionId: $id, status: PROVISIONED }) { subscription { status } } }`,
          { id },
        );
        expect(provisioned.reportProvisioning.subscription.status).toBe("PROVISIONED");
        const asBridge = await bridge.ok<{ subscription: { credentials: { apiKey: string }[] } }>(
          subscriptionQuery,
          { id },
        );
        expect(asBridge.subscription.credentials[0]?.apiKey).toBe(credentials[0]?.apiKey);

        const event = await server.lastEvent("subscription.approved", (p) => p.subscriptionId === id);
        expect(JSON.stringify(event)).not.toContain(credentials[0]?.apiKey);
      });

      it("delivers status changes live to members and the approval queue to administrators, over graphql-ws", async () => {
        const owner = await signedUp("lena");
        const reader = await signedUp("ravi");
        const stranger = await signedUp("sven");
        await applicationWithReader(owner.client, "lena-app", reader.email);
        const admin = server.client();
        await admin.ok(signIn, TEST_ADMIN);

        const cookieOf = (client: TestGraphQLClient) =>
          `portal_session=${client.cookie("portal_session") ?? ""}`;
        const ownerLive = liveClient(server.url, cookieOf(owner.client));
        const readerLive = liveClient(server.url, cookieOf(reader.client));
        const strangerLive = liveClient(server.url, cookieOf(stranger.client));
        const adminLive = liveClient(server.url, cookieOf(admin));
        const statusQuery = `subscription ($id: ID!) { subscriptionStatusChanged(applicationId: $id) {
          event subscriptionId subscription { status statusReason } } }`;
        try {
          const ownerStream = follow<{ subscriptionStatusChanged: Change }>(ownerLive, statusQuery, {
            id: "lena-app",
          });
          const readerStream = follow<{ subscriptionStatusChanged: Change }>(readerLive, statusQuery, {
            id: "lena-app",
          });
          const strangerStream = follow(strangerLive, statusQuery, { id: "lena-app" });
          const queueStream = follow<{
            approvalQueueChanged: { change: string; request: { plan: { id: string } } | null };
          }>(
            adminLive,
            `subscription { approvalQueueChanged { change subscriptionId request { plan { id } waitingSeconds } } }`,
          );
          await new Promise((resolve) => setTimeout(resolve, 300)); // let the subscriptions start

          const subscribed = await owner.client.ok<{ subscribe: { subscription: { id: string } } }>(
            subscribeMutation,
            {
              input: { applicationId: "lena-app", apiId: "orders", planId: "premium" },
            },
          );
          const id = subscribed.subscribe.subscription.id;
          // A queue item carries the request as it is when delivered: wait for it before approving.
          expect((await queueStream.next(1))[0]?.approvalQueueChanged.request?.plan.id).toBe("premium");
          await admin.ok(
            `mutation ($id: ID!) { approveSubscription(input: { subscriptionId: $id }) { subscription { status } } }`,
            { id },
          );

          const received = await ownerStream.next(2);
          expect(ownerStream.errors).toEqual([]);
          expect(
            received.map((r) => [
              r.subscriptionStatusChanged.event,
              r.subscriptionStatusChanged.subscriptionId,
            ]),
          ).toEqual([
            ["subscription.created", id],
            ["subscription.approved", id],
          ]);
          expect(received.at(-1)?.subscriptionStatusChanged.subscription?.status).toBe("APPROVED");
          expect((await readerStream.next(2)).map((r) => r.subscriptionStatusChanged.event)).toEqual([
            "subscription.created",
            "subscription.approved",
          ]);
          const queue = await queueStream.next(2);
          expect(queue.map((q) => q.approvalQueueChanged.change)).toEqual(["REQUESTED", "APPROVED"]);
          expect(queue[1]?.approvalQueueChanged.request).toBeNull();

          await strangerStream.next(1, 1000);
          expect(strangerStream.items).toEqual([]);
          expect(JSON.stringify(strangerStream.errors)).toContain("NOT_FOUND");
          ownerStream.stop();
          readerStream.stop();
          queueStream.stop();
        } finally {
          for (const client of [ownerLive, readerLive, strangerLive, adminLive]) void client.dispose();
        }
      });
    });
  }
});
