import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import { postgresAvailability } from "../testing/postgres.js";
import {
  attemptResultResponse,
  attemptsResponse,
  deadLettersResponse,
  deliveryResponse,
  leaseResponse,
  listenerSchema,
  pendingResponse,
} from "./webhook-api.schemas.js";
import { startWebhookTestServer, type WebhookTestServer } from "./webhook-http.fixture.js";

type ErrorBody = { error: { code: string; message: string } };

/** What the bridge does through the facade: leases, deliveries, attempts, dead letters; over HTTP, both backends. */
describe("webhook delivery over HTTP", async () => {
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

      const register = async (id: string) => {
        const answer = await t.as.mailer("PUT", `/webhooks/listeners/${id}`, {
          url: "http://mailer/",
          events: ["access_token.*"],
        });
        expect(answer.status).toBe(201);
      };
      const lease = (id: string, holder = "bridge-1") =>
        t.as.bridge("PUT", `/webhooks/listeners/${id}/lease`, { holder, ttlSeconds: 30 });
      const claim = async (id: string, limit = 10, holder = "bridge-1") => {
        const answer = await t.as.bridge("POST", `/webhooks/listeners/${id}/deliveries`, { holder, limit });
        return answer.status === 204 ? null : deliveryResponse.parse(answer.body);
      };
      const record = async (
        id: string,
        attemptId: string,
        statusCode: number | null,
        holder = "bridge-1",
      ) => {
        const answer = await t.as.bridge("PUT", `/webhooks/listeners/${id}/attempts/${attemptId}`, {
          holder,
          statusCode,
          error: statusCode === null ? "connection refused" : null,
          durationMs: 12,
        });
        expect(answer.status).toBe(200);
        return attemptResultResponse.parse(answer.body);
      };

      it("grants one lease at a time, renews it for its holder, and releases it", async () => {
        await register("d-lease");
        const first = await lease("d-lease", "bridge-a");
        expect(first.status).toBe(200);
        expect(leaseResponse.parse(first.body)).toMatchObject({
          holder: "bridge-a",
          listener: { id: "d-lease", url: "http://mailer/", events: ["access_token.*"] },
        });
        const taken = await lease("d-lease", "bridge-b");
        expect(taken.status).toBe(409);
        expect((taken.body as ErrorBody).error.code).toBe("CONFLICT");
        expect((await lease("d-lease", "bridge-a")).status).toBe(200);
        expect(
          listenerSchema.parse((await t.as.mailer("GET", "/webhooks/listeners/d-lease")).body).lease,
        ).toMatchObject({ holder: "bridge-a" });
        expect(
          (await t.as.bridge("DELETE", "/webhooks/listeners/d-lease/lease?holder=bridge-b")).status,
        ).toBe(204);
        expect((await lease("d-lease", "bridge-b")).status).toBe(409);
        expect(
          (await t.as.bridge("DELETE", "/webhooks/listeners/d-lease/lease?holder=bridge-a")).status,
        ).toBe(204);
        expect((await lease("d-lease", "bridge-b")).status).toBe(200);
        const withoutLease = await t.as.bridge("POST", "/webhooks/listeners/d-lease/deliveries", {
          holder: "bridge-a",
        });
        expect(withoutLease.status).toBe(409);
      });

      it("is only for the delivery accounts: listeners' own accounts and administrators are refused", async () => {
        await register("d-policy");
        for (const call of [t.as.mailer, t.as.admin, t.as.developer]) {
          const answer = await call("PUT", "/webhooks/listeners/d-policy/lease", { holder: "x" });
          expect(answer.status).toBe(403);
          expect((answer.body as ErrorBody).error.code).toBe("FORBIDDEN");
        }
        expect(
          (await t.as.anonymous("PUT", "/webhooks/listeners/d-policy/lease", { holder: "x" })).status,
        ).toBe(401);
        expect((await t.as.reader("PUT", "/webhooks/listeners/d-policy/lease", { holder: "x" })).status).toBe(
          403,
        );
        expect((await t.as.bridge("PUT", "/webhooks/listeners/nobody/lease", { holder: "x" })).status).toBe(
          404,
        );
      });

      it("claims the same delivery with the same webhook-id until a 2xx acknowledges it; a failed batch narrows to its first event", async () => {
        await register("d-claim");
        await lease("d-claim");
        expect(await claim("d-claim")).toBeNull();
        const [e1, e2, e3] = [await t.event("c1"), await t.event("c2"), await t.event("c3")];
        const first = await claim("d-claim");
        expect(first).toMatchObject({ attempt: 1 });
        expect(first?.deliveryId).toMatch(/^msg_[\w-]{24}$/);
        expect(first?.events.map((e) => e.sequence)).toEqual([e1, e2, e3]);
        const again = await claim("d-claim");
        expect(again).toMatchObject({
          deliveryId: first?.deliveryId,
          attempt: 2,
          firstAttemptAt: first?.firstAttemptAt,
        });
        expect(again?.events).toEqual(first?.events);

        const failed = await record("d-claim", again?.attemptId ?? "", 503);
        expect(failed).toMatchObject({ acknowledged: false, attempt: 2, consecutiveFailures: 1 });
        const narrowed = await claim("d-claim");
        expect(narrowed?.deliveryId).not.toBe(first?.deliveryId);
        expect(narrowed?.events.map((e) => e.sequence)).toEqual([e1]);
        expect(await record("d-claim", narrowed?.attemptId ?? "", 204)).toMatchObject({
          acknowledged: true,
          position: e1,
          consecutiveFailures: 0,
        });
        const rest = await claim("d-claim");
        expect(rest?.events.map((e) => e.sequence)).toEqual([e2, e3]);
        expect(await record("d-claim", rest?.attemptId ?? "", 200)).toMatchObject({ position: e3 });
        const twice = await t.as.bridge("PUT", `/webhooks/listeners/d-claim/attempts/${rest?.attemptId}`, {
          holder: "bridge-1",
          statusCode: 200,
          error: null,
          durationMs: 1,
        });
        expect(twice.status).toBe(409);
        expect(await claim("d-claim")).toBeNull();

        const status = listenerSchema.parse((await t.as.mailer("GET", "/webhooks/listeners/d-claim")).body);
        expect(status).toMatchObject({ position: e3, backlog: 0, consecutiveFailures: 0 });
        expect(status.lastDelivery?.statusCode).toBe(200);
        const ledger = attemptsResponse.parse(
          (await t.as.mailer("GET", "/webhooks/listeners/d-claim/attempts")).body,
        );
        expect(ledger.attempts.map((a) => [a.attempt, a.eventCount, a.statusCode])).toEqual([
          [1, 2, 200],
          [1, 1, 204],
          [2, 3, 503],
          [1, 3, null],
        ]);
      });

      it("counts a 2xx as acknowledged when a pulling listener acknowledged the events itself first", async () => {
        await register("d-pull");
        await lease("d-pull");
        const sequence = await t.event("pulled");
        const delivery = await claim("d-pull");
        expect(delivery?.events.map((e) => e.sequence)).toEqual([sequence]);
        expect((await t.as.mailer("DELETE", `/webhooks/events/d-pull/${sequence}`)).status).toBe(200);
        expect(await record("d-pull", delivery?.attemptId ?? "", 200)).toMatchObject({
          acknowledged: true,
          position: sequence,
        });
        expect(await claim("d-pull")).toBeNull();
      });

      it("dead-letters a poison event with an alert, lets later events flow, and delivers it again on request", async () => {
        await register("d-dead");
        await lease("d-dead");
        const poison = await t.event("poison");
        const delivery = await claim("d-dead");
        await record("d-dead", delivery?.attemptId ?? "", null);
        const later = await t.event("later");
        const dead = await t.as.bridge(
          "POST",
          `/webhooks/listeners/d-dead/deliveries/${delivery?.deliveryId}/dead-letter`,
          {
            holder: "bridge-1",
            reason: "no answer after 1 attempt",
          },
        );
        expect(dead.body).toEqual({ deadLettered: 1, position: poison });
        const stale = await t.as.bridge(
          "POST",
          `/webhooks/listeners/d-dead/deliveries/${delivery?.deliveryId}/dead-letter`,
          {
            holder: "bridge-1",
            reason: "again",
          },
        );
        expect(stale.status).toBe(409);
        expect(
          await t.server.lastEvent("webhook_listener.dead_lettered", (p) => p.listenerId === "d-dead"),
        ).toEqual({
          listenerId: "d-dead",
          sequences: [poison],
          eventNames: ["access_token.created"],
          attempts: 1,
          reason: "no answer after 1 attempt",
        });
        expect((await claim("d-dead"))?.events.map((e) => e.sequence)).toEqual([later]);

        const letters = deadLettersResponse.parse(
          (await t.as.mailer("GET", "/webhooks/listeners/d-dead/dead-letters")).body,
        );
        expect(letters).toMatchObject({
          nextAfter: null,
          deadLetters: [
            {
              sequence: poison,
              attempts: 1,
              redeliveryPending: false,
              event: { payload: { name: "poison" } },
            },
          ],
        });
        expect(
          listenerSchema.parse((await t.as.mailer("GET", "/webhooks/listeners/d-dead")).body).deadLetters,
        ).toBe(1);

        const redeliver = await t.as.mailer("POST", "/webhooks/listeners/d-dead/dead-letters/redeliver", {});
        expect(redeliver.body).toEqual({ redelivering: 1 });
        const queue = pendingResponse.parse((await t.as.mailer("GET", "/webhooks/events/d-dead")).body);
        expect(queue.map((e) => e.sequence)).toEqual([poison, later]);
        const retry = await claim("d-dead");
        expect(retry?.events.map((e) => e.sequence)).toEqual([poison, later]);
        await record("d-dead", retry?.attemptId ?? "", 200);
        expect(
          deadLettersResponse.parse(
            (await t.as.mailer("GET", "/webhooks/listeners/d-dead/dead-letters")).body,
          ).deadLetters,
        ).toEqual([]);
      });

      it("raises no alert for dead-lettered listener events, so a failing listener cannot feed itself", async () => {
        await t.as.mailer("PUT", "/webhooks/listeners/d-quiet", {
          url: "http://mailer/",
          events: ["webhook_listener.*"],
        });
        await lease("d-quiet");
        await t.as.mailer("PUT", "/webhooks/listeners/d-quiet-other", { url: "http://mailer/" });
        const delivery = await claim("d-quiet", 1);
        const alerts = async () =>
          (
            await t.server.portal.database.db
              .selectFrom("outbox_events")
              .select("sequence")
              .where("event_name", "=", "webhook_listener.dead_lettered")
              .execute()
          ).length;
        const before = await alerts();
        const dead = await t.as.bridge(
          "POST",
          `/webhooks/listeners/d-quiet/deliveries/${delivery?.deliveryId}/dead-letter`,
          {
            holder: "bridge-1",
            reason: "HTTP 500 after 3 attempts",
          },
        );
        expect(dead.status).toBe(200);
        expect(await alerts()).toBe(before);
      });
    });
  }
});
