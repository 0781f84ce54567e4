import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import { postgresAvailability } from "../testing/postgres.js";
import { attemptResultResponse, deliveryResponse } from "./webhook-api.schemas.js";
import { startWebhookTestServer, type Caller, type WebhookTestServer } from "./webhook-http.fixture.js";

interface GraphQLAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

const listenerQuery = `query ($id: ID!) { webhookListener(id: $id) {
  id backlog lagSeconds consecutiveFailures failing deadLetterCount position
  lastDelivery { statusCode } lastAttempt { statusCode error }
  deliveryLatency { samples p50Ms p99Ms maxMs }
  recentAttempts(limit: 10) { attempt statusCode error eventCount firstSequence lastSequence finishedAt }
  deadLetters(first: 1) { totalCount pageInfo { hasNextPage endCursor } edges { node { sequence reason redeliveryPending event { name sequence } } } }
} }`;

/**
 * The webhook admin API over GraphQL and the per-listener figures in `/metrics`, after real deliveries through
 * the REST facade (as the bridge makes them), on both backends.
 */
describe("webhook admin API and metrics", async () => {
  const postgres = await postgresAvailability();
  for (const backend of backends) {
    describe.skipIf(backend === "postgres" && !postgres.available)(backend, () => {
      let t: WebhookTestServer;
      beforeAll(async () => {
        t = await startWebhookTestServer(backend);
      });
      afterAll(async () => {
        await t?.stop();
      });

      const graphql = async <T>(as: Caller, query: string, variables: Record<string, unknown> = {}) =>
        (await as<GraphQLAnswer<T>>("POST", "/graphql", { query, variables })).body;
      const claim = async (id: string, limit: number) => {
        const answer = await t.as.bridge("POST", `/webhooks/listeners/${id}/deliveries`, {
          holder: "bridge-1",
          limit,
        });
        return deliveryResponse.parse(answer.body);
      };
      const record = async (id: string, attemptId: string, statusCode: number) =>
        attemptResultResponse.parse(
          (
            await t.as.bridge("PUT", `/webhooks/listeners/${id}/attempts/${attemptId}`, {
              holder: "bridge-1",
              statusCode,
              error: null,
              durationMs: 3,
            })
          ).body,
        );

      it("shows backlog, failures, the ledger, latency and dead letters; re-delivers and replays", async () => {
        const id = "g-admin";
        expect(
          (
            await t.as.mailer("PUT", `/webhooks/listeners/${id}`, {
              url: "http://mailer/",
              events: ["access_token.*"],
            })
          ).status,
        ).toBe(201);
        const first = await t.event("one");
        const second = await t.event("two");
        const third = await t.event("three");
        expect(
          (await t.as.bridge("PUT", `/webhooks/listeners/${id}/lease`, { holder: "bridge-1" })).status,
        ).toBe(200);

        const before = await graphql<{ webhookListener: Record<string, unknown> }>(
          t.as.admin,
          listenerQuery,
          {
            id,
          },
        );
        expect(before.errors).toBeUndefined();
        expect(before.data?.webhookListener).toMatchObject({
          backlog: 3,
          failing: false,
          deadLetterCount: 0,
        });

        // Two events fail once, then succeed; the third fails and is given up to the dead letters.
        const batch = await claim(id, 2);
        expect(batch.events.map((event) => event.sequence)).toEqual([first, second]);
        expect((await record(id, batch.attemptId, 500)).consecutiveFailures).toBe(1);
        const failing = await graphql<{ webhookListener: Record<string, unknown> }>(
          t.as.admin,
          listenerQuery,
          {
            id,
          },
        );
        expect(failing.data?.webhookListener).toMatchObject({
          failing: true,
          consecutiveFailures: 1,
          lastAttempt: { statusCode: 500, error: "HTTP 500" },
        });
        const narrowed = await claim(id, 2);
        expect((await record(id, narrowed.attemptId, 200)).acknowledged).toBe(true);
        const rest = await claim(id, 1);
        expect(rest.events.map((event) => event.sequence)).toEqual([second]);
        expect((await record(id, rest.attemptId, 204)).pending).toBe(true);
        const poison = await claim(id, 2);
        expect(poison.events.map((event) => event.sequence)).toEqual([third]);
        await record(id, poison.attemptId, 503);
        expect(
          (
            await t.as.bridge(
              "POST",
              `/webhooks/listeners/${id}/deliveries/${poison.deliveryId}/dead-letter`,
              {
                holder: "bridge-1",
                reason: "HTTP 503 after 1 attempt",
              },
            )
          ).status,
        ).toBe(200);

        const after = await graphql<{
          webhookListener: {
            backlog: number;
            position: number;
            deadLetterCount: number;
            deliveryLatency: { samples: number; p50Ms: number; p99Ms: number; maxMs: number };
            recentAttempts: { statusCode: number; eventCount: number }[];
            deadLetters: {
              totalCount: number;
              edges: { node: { sequence: number; reason: string; event: { name: string } } }[];
            };
          };
        }>(t.as.admin, listenerQuery, { id });
        expect(after.errors).toBeUndefined();
        const listener = after.data?.webhookListener;
        expect(listener).toMatchObject({ position: third, deadLetterCount: 1, failing: true });
        expect(listener?.recentAttempts.map((a) => [a.statusCode, a.eventCount])).toEqual([
          [503, 1],
          [204, 1],
          [200, 1],
          [500, 2],
        ]);
        expect(listener?.deliveryLatency.samples).toBe(2);
        expect(listener?.deliveryLatency.p50Ms).toBeGreaterThanOrEqual(0);
        expect(listener?.deliveryLatency.maxMs).toBeGreaterThanOrEqual(listener?.deliveryLatency.p50Ms ?? 0);
        expect(listener?.deadLetters.totalCount).toBe(1);
        expect(listener?.deadLetters.edges[0]?.node).toMatchObject({
          sequence: third,
          reason: "HTTP 503 after 1 attempt",
          event: { name: "access_token.created" },
        });

        // The metrics show the same listener: gauges read at scrape time, counters and latency as recorded.
        const metrics = await (await fetch(`${t.server.url}/metrics`)).text();
        expect(metrics).toContain(`portal_webhook_listener_dead_letters{listener="${id}"} 1`);
        expect(metrics).toContain(`portal_webhook_listener_backlog_events{listener="${id}"} 0`);
        expect(metrics).toContain(`portal_webhook_listener_consecutive_failures{listener="${id}"} 1`);
        expect(metrics).toContain(
          `portal_webhook_delivery_attempts_total{listener="${id}",outcome="failure"} 2`,
        );
        expect(metrics).toContain(
          `portal_webhook_delivery_attempts_total{listener="${id}",outcome="success"} 2`,
        );
        expect(metrics).toContain(`portal_webhook_delivery_latency_seconds_count{listener="${id}"} 2`);
        expect(metrics).toContain(`portal_webhook_dead_lettered_events_total{listener="${id}"} 1`);

        const redelivered = await graphql<{
          redeliverWebhookDeadLetters: { redelivering: number; listener: { backlog: number } };
        }>(
          t.as.mailer,
          `
            mutation ($id: ID!) {
              redeliverWebhookDeadLetters(input: { listenerId: $id }) {
                redelivering
                listener {
                  backlog
                  deadLetterCount
                }
              }
            }
          `,
          { id },
        );
        expect(redelivered.errors).toBeUndefined();
        expect(redelivered.data?.redeliverWebhookDeadLetters).toEqual({
          redelivering: 1,
          listener: { backlog: 1, deadLetterCount: 1 },
        });

        const replayed = await graphql<{
          replayWebhookListener: { position: number; backlog: number; listener: { position: number } };
        }>(
          t.as.admin,
          `
            mutation ($id: ID!, $from: SafeInt!) {
              replayWebhookListener(input: { listenerId: $id, from: $from }) {
                position
                backlog
                listener {
                  position
                }
              }
            }
          `,
          { id, from: first },
        );
        expect(replayed.errors).toBeUndefined();
        expect(replayed.data?.replayWebhookListener).toEqual({
          position: first - 1,
          backlog: 3,
          listener: { position: first - 1 },
        });

        const bad = await graphql(
          t.as.admin,
          `mutation { replayWebhookListener(input: { listenerId: "${id}" }) { position } }`,
        );
        expect(bad.errors?.[0]?.extensions?.code).toBe("VALIDATION_FAILED");
      });

      it("lists a service account's own listeners only, everyone's for administrators", async () => {
        await t.as.kong("PUT", "/webhooks/listeners/g-kong", { url: "http://kong/" });
        await t.as.mailer("PUT", "/webhooks/listeners/g-mail", { url: "http://mailer/" });
        const ids = async (as: Caller) =>
          (
            await graphql<{ webhookListeners: { id: string }[] }>(as, "query { webhookListeners { id } }")
          ).data?.webhookListeners.map((listener) => listener.id) ?? [];
        expect(await ids(t.as.kong)).toEqual(["g-kong"]);
        expect(await ids(t.as.admin)).toEqual(expect.arrayContaining(["g-kong", "g-mail"]));
        const foreign = await graphql(
          t.as.kong,
          `
            query {
              webhookListener(id: "g-mail") {
                id
              }
            }
          `,
        );
        expect(foreign.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      });

      it("reports the system's health to administrators", async () => {
        const head = await t.newestSequence();
        const answer = await graphql<{
          systemHealth: {
            configHash: string;
            database: { reachable: boolean; latencyMs: number; error: string | null };
            eventLog: { headSequence: number; headAgeSeconds: number };
            webhookListeners: { id: string; backlog: number; failing: boolean }[];
          };
        }>(
          t.as.admin,
          `
            query {
              systemHealth {
                configHash
                database {
                  reachable
                  latencyMs
                  error
                }
                eventLog {
                  headSequence
                  headAgeSeconds
                }
                webhookListeners {
                  id
                  backlog
                  lagSeconds
                  failing
                  deadLetters
                }
              }
            }
          `,
        );
        expect(answer.errors).toBeUndefined();
        const health = answer.data?.systemHealth;
        expect(health?.configHash).toBe(t.server.portal.configHash);
        expect(health?.database).toMatchObject({ reachable: true, error: null });
        expect(health?.eventLog.headSequence).toBe(head);
        expect(health?.eventLog.headAgeSeconds).toBeGreaterThanOrEqual(0);
        const kong = health?.webhookListeners.find((listener) => listener.id === "g-kong");
        expect(kong).toMatchObject({ failing: false });
        expect(kong?.backlog).toBeGreaterThan(0);
        const refused = await graphql(t.as.mailer, "query { systemHealth { configHash } }");
        expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      });
    });
  }
});
