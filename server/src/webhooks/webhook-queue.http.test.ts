import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import { postgresAvailability } from "../testing/postgres.js";
import { acknowledgedResponse, listenerSchema, pendingResponse } from "./webhook-api.schemas.js";
import { startWebhookTestServer, type WebhookTestServer } from "./webhook-http.fixture.js";

type ErrorBody = { error: { code: string; fields?: { field: string; code: string }[] } };

/** Pending events, positional acknowledgements and replays over HTTP, on both backends. */
describe("webhook queue over HTTP", async () => {
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

      const pending = async (id: string, query = "") => {
        const answer = await t.as.mailer("GET", `/webhooks/events/${id}${query}`);
        expect(answer.status).toBe(200);
        return pendingResponse.parse(answer.body);
      };

      it("lists matching events after the start position, oldest first, as the reference array", async () => {
        const before = await t.event("before");
        await t.as.mailer("PUT", "/webhooks/listeners/q-list", {
          url: "http://mailer/",
          events: ["access_token.*"],
          from: before,
        });
        const a = await t.event("a");
        const b = await t.event("b");
        const events = await pending("q-list");
        expect(events.map((e) => [e.id, e.name, e.payload.name])).toEqual([
          [String(before), "access_token.created", "before"],
          [String(a), "access_token.created", "a"],
          [String(b), "access_token.created", "b"],
        ]);
        expect(events[0]).toMatchObject({ sequence: before, schemaVersion: 1, actor: { kind: "user" } });
        expect((await pending("q-list", "?limit=2")).map((e) => e.sequence)).toEqual([before, a]);
        for (const query of ["?limit=0", "?limit=1001", "?limit=x", "?lmit=5"]) {
          expect((await t.as.mailer("GET", `/webhooks/events/q-list${query}`)).status, query).toBe(400);
        }
        const status = listenerSchema.parse((await t.as.mailer("GET", "/webhooks/listeners/q-list")).body);
        expect(status.backlog).toBe(3);
        expect(status.lagSeconds).toBeGreaterThanOrEqual(0);
      });

      it("acknowledges by position: an event and every earlier pending one; again changes nothing", async () => {
        await t.as.mailer("PUT", "/webhooks/listeners/q-ack", {
          url: "http://mailer/",
          events: ["access_token.*"],
        });
        const [first, second, third] = [await t.event("1"), await t.event("2"), await t.event("3")];
        const ack = await t.as.mailer("DELETE", `/webhooks/events/q-ack/${second}`);
        expect(ack.status).toBe(200);
        expect(acknowledgedResponse.parse(ack.body)).toEqual({ position: second, acknowledged: 2 });
        expect((await pending("q-ack")).map((e) => e.sequence)).toEqual([third]);
        expect((await t.as.mailer("DELETE", `/webhooks/events/q-ack/${first}`)).body).toEqual({
          position: second,
          acknowledged: 0,
        });
        const future = await t.as.mailer(
          "DELETE",
          `/webhooks/events/q-ack/${(await t.newestSequence()) + 5}`,
        );
        expect(future.status).toBe(404);
        expect((await t.as.mailer("DELETE", "/webhooks/events/q-ack/abc")).status).toBe(400);
        const all = await t.as.mailer("DELETE", "/webhooks/events/q-ack");
        expect(all.body).toEqual({ position: await t.newestSequence(), acknowledged: 1 });
        expect(await pending("q-ack")).toEqual([]);
        expect(
          listenerSchema.parse((await t.as.mailer("GET", "/webhooks/listeners/q-ack")).body),
        ).toMatchObject({
          backlog: 0,
          lagSeconds: 0,
        });
      });

      it("replays from a sequence or a time, and refuses both or neither", async () => {
        await t.as.mailer("PUT", "/webhooks/listeners/q-replay", {
          url: "http://mailer/",
          events: ["access_token.*"],
        });
        const start = new Date();
        const first = await t.event("r1");
        const second = await t.event("r2");
        await t.as.mailer("DELETE", "/webhooks/events/q-replay");
        const fromSequence = await t.as.mailer("POST", "/webhooks/listeners/q-replay/replay", {
          from: second,
        });
        expect(fromSequence.body).toEqual({ position: second - 1, backlog: 1 });
        expect((await pending("q-replay")).map((e) => e.sequence)).toEqual([second]);
        const fromTime = await t.as.mailer("POST", "/webhooks/listeners/q-replay/replay", {
          since: new Date(start.getTime() - 1).toISOString(),
        });
        expect(fromTime.status).toBe(200);
        expect((await pending("q-replay")).map((e) => e.sequence)).toEqual([first, second]);
        expect(
          await t.server.lastEvent("webhook_listener.updated", (p) => p.listenerId === "q-replay"),
        ).toMatchObject({
          changed: ["position"],
        });
        for (const body of [{}, { from: 1, since: start.toISOString() }, { since: "yesterday" }]) {
          const answer = await t.as.mailer("POST", "/webhooks/listeners/q-replay/replay", body);
          expect(answer.status, JSON.stringify(body)).toBe(400);
          expect((answer.body as ErrorBody).error.code).toBe("VALIDATION_FAILED");
        }
      });

      it("starts a new listener from now by default, from the earliest event, or from a sequence", async () => {
        const newest = await t.newestSequence();
        await t.as.mailer("PUT", "/webhooks/listeners/q-now", { url: "http://mailer/" });
        await t.as.mailer("PUT", "/webhooks/listeners/q-earliest", {
          url: "http://mailer/",
          from: "earliest",
        });
        expect((await pending("q-now")).map((e) => [e.name, e.payload.listenerId])).toEqual([
          ["webhook_listener.registered", "q-now"],
          ["webhook_listener.registered", "q-earliest"],
        ]);
        const earliest = await pending("q-earliest", "?limit=1000");
        expect(earliest[0]?.sequence).toBe(1);
        expect(earliest.length).toBeGreaterThan(newest - 5);
        const reRegistered = await t.as.mailer("PUT", "/webhooks/listeners/q-now", {
          url: "http://mailer/",
          from: 3,
        });
        expect(reRegistered.body).toMatchObject({ listener: { position: 2 } });
      });
    });
  }
});
