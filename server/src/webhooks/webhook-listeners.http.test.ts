import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../testing/backends.js";
import { postgresAvailability } from "../testing/postgres.js";
import { listenerSchema, registeredResponse } from "./webhook-api.schemas.js";
import { startWebhookTestServer, type WebhookTestServer } from "./webhook-http.fixture.js";

type ErrorBody = { error: { code: string; message: string; fields?: { field: string; code: string }[] } };
const fieldCodes = (body: unknown) => (body as ErrorBody).error.fields?.map((f) => `${f.field}:${f.code}`);

/** The listener rules of the webhook REST facade, over HTTP against the whole portal, on both backends. */
describe("webhook listeners over HTTP", async () => {
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

      it("registers with a generated secret shown once, then updates (URL, filter) without showing it again", async () => {
        const newest = await t.newestSequence();
        const created = await t.as.mailer("PUT", "/webhooks/listeners/mailer", {
          url: "http://mailer.internal:3003/",
          events: ["user.*", "access_token.created", "user.*"],
        });
        expect(created.status).toBe(201);
        const body = registeredResponse.parse(created.body);
        expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
        expect(body.listener).toMatchObject({
          id: "mailer",
          url: "http://mailer.internal:3003/",
          events: ["access_token.created", "user.*"],
          owner: { kind: "service", id: "mailer" },
          position: newest,
          backlog: 0,
          lagSeconds: 0,
          consecutiveFailures: 0,
          deadLetters: 0,
          lease: null,
          lastDelivery: null,
        });

        const updated = await t.as.mailer("PUT", "/webhooks/listeners/mailer", {
          url: "https://mailer.internal/",
        });
        expect(updated.status).toBe(200);
        expect(registeredResponse.parse(updated.body)).toMatchObject({
          secret: null,
          listener: { url: "https://mailer.internal/", events: [] },
        });
        const read = await t.as.mailer("GET", "/webhooks/listeners/mailer");
        expect(read.status).toBe(200);
        expect(listenerSchema.parse(read.body).url).toBe("https://mailer.internal/");

        const registered = await t.server.lastEvent(
          "webhook_listener.registered",
          (p) => p.listenerId === "mailer",
        );
        expect(registered).toEqual({
          listenerId: "mailer",
          ownerId: "mailer",
          events: ["access_token.created", "user.*"],
          position: newest,
        });
        expect(
          await t.server.lastEvent("webhook_listener.updated", (p) => p.listenerId === "mailer"),
        ).toMatchObject({ changed: ["url", "events"] });
        const audit = await t.server.portal.database.db
          .selectFrom("audit_log")
          .select(["action", "actor_id", "summary"])
          .where("target_id", "=", "mailer")
          .orderBy("at")
          .execute();
        expect(audit.map((a) => [a.action, a.actor_id])).toEqual([
          ["webhook_listener.registered", "mailer"],
          ["webhook_listener.updated", "mailer"],
        ]);
        const stored = JSON.stringify(
          await t.server.portal.database.db.selectFrom("webhook_listeners").selectAll().execute(),
        );
        expect(stored).not.toContain(body.secret ?? "?");
      });

      it("accepts the reference system's `{id, url}` body and a given secret, which it never echoes", async () => {
        const secret = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
        const created = await t.as.kong("PUT", "/webhooks/listeners/kong-adapter", {
          id: "kong-adapter",
          url: "http://portal-kong-adapter:3002/",
          secret,
          from: "earliest",
        });
        expect(created.status).toBe(201);
        expect(created.body).toMatchObject({ secret: null, listener: { position: 0 } });
        const lease = await t.as.bridge("PUT", "/webhooks/listeners/kong-adapter/lease", { holder: "check" });
        expect(lease.body).toMatchObject({ listener: { secret } });
        await t.as.bridge("DELETE", "/webhooks/listeners/kong-adapter/lease?holder=check");
        const mismatch = await t.as.kong("PUT", "/webhooks/listeners/kong-adapter", {
          id: "other",
          url: "http://x/",
        });
        expect(mismatch.status).toBe(400);
        expect(fieldCodes(mismatch.body)).toEqual(["id:ID_MISMATCH"]);
      });

      it("refuses bad URLs, malformed or unknown filters, bad secrets, unknown fields and bad ids with field codes", async () => {
        const put = (body: unknown, id = "bad-input") => t.as.kong("PUT", `/webhooks/listeners/${id}`, body);
        for (const url of ["ftp://x/", "not a url", "http://user:pass@host/", "http://host/#fragment"]) {
          const answer = await put({ url });
          expect(answer.status, url).toBe(400);
          expect((answer.body as ErrorBody).error.code).toBe("VALIDATION_FAILED");
          expect(fieldCodes(answer.body), url).toEqual(["url:INVALID_URL"]);
        }
        const filters = await put({
          url: "http://x/",
          events: ["User.*", "user.created", "a.b.c", "user.eaten", "nothing.*"],
        });
        expect(fieldCodes(filters.body)).toEqual([
          "events.0:INVALID_EVENT_PATTERN",
          "events.2:INVALID_EVENT_PATTERN",
          "events.3:UNKNOWN_EVENT",
          "events.4:UNKNOWN_EVENT",
        ]);
        expect(fieldCodes((await put({ url: "http://x/", secret: "s3cr3t" })).body)).toEqual([
          "secret:INVALID_SECRET",
        ]);
        expect(fieldCodes((await put({ url: "http://x/", event: ["user.*"] })).body)).toEqual([
          "input:UNRECOGNIZED_KEYS",
        ]);
        expect(fieldCodes((await put({ url: "http://x/", from: 0 })).body)).toEqual(["from:TOO_SMALL"]);
        expect(fieldCodes((await put({ url: "http://x/" }, "-dash-first")).body)).toEqual([
          "id:INVALID_FORMAT",
        ]);
        const future = await put({ url: "http://x/", from: (await t.newestSequence()) + 2 });
        expect(fieldCodes(future.body)).toEqual(["from:AFTER_NEWEST_EVENT"]);
        expect((await t.as.kong("GET", "/webhooks/listeners/bad-input")).status).toBe(404);
      });

      it("answers NOT_FOUND for unknown listeners on every listener route", async () => {
        const routes: [Parameters<WebhookTestServer["as"]["admin"]>[0], string, unknown?][] = [
          ["GET", "/webhooks/listeners/nobody"],
          ["DELETE", "/webhooks/listeners/nobody"],
          ["GET", "/webhooks/events/nobody"],
          ["DELETE", "/webhooks/events/nobody"],
          ["DELETE", "/webhooks/events/nobody/1"],
          ["POST", "/webhooks/listeners/nobody/replay", { from: 1 }],
          ["GET", "/webhooks/listeners/nobody/dead-letters"],
          ["GET", "/webhooks/listeners/nobody/attempts"],
        ];
        for (const [method, path, body] of routes) {
          const answer = await t.as.admin(method, path, body);
          expect(answer.status, `${method} ${path}`).toBe(404);
          expect(answer.body).toEqual({
            error: { code: "NOT_FOUND", message: 'Webhook listener "nobody" was not found' },
          });
        }
      });

      it("keeps each service account to its own listeners; administrators and the bridge see all", async () => {
        await t.as.mailer("PUT", "/webhooks/listeners/mailer-own", { url: "http://mailer/" });
        await t.as.kong("PUT", "/webhooks/listeners/kong-own", { url: "http://kong/" });
        const foreign = async (method: "GET" | "PUT" | "DELETE" | "POST", path: string, body?: unknown) => {
          const answer = await t.as.kong(method, path, body);
          expect(answer.status, `${method} ${path}`).toBe(403);
          expect((answer.body as ErrorBody).error).toEqual({
            code: "FORBIDDEN",
            message:
              'Webhook listener "mailer-own" was registered by service "mailer"; only its owner and administrators may use it',
          });
        };
        await foreign("PUT", "/webhooks/listeners/mailer-own", { url: "http://stolen/" });
        await foreign("GET", "/webhooks/listeners/mailer-own");
        await foreign("DELETE", "/webhooks/listeners/mailer-own");
        await foreign("GET", "/webhooks/events/mailer-own");
        await foreign("DELETE", "/webhooks/events/mailer-own");
        await foreign("POST", "/webhooks/listeners/mailer-own/replay", { from: 1 });
        await foreign("POST", "/webhooks/listeners/mailer-own/dead-letters/redeliver", {});

        const ids = async (call: WebhookTestServer["as"]["admin"]) =>
          (
            (await call<{ listeners: { id: string }[] }>("GET", "/webhooks/listeners")).body.listeners ?? []
          ).map((l) => l.id);
        expect(await ids(t.as.kong)).not.toContain("mailer-own");
        expect(await ids(t.as.kong)).toContain("kong-own");
        expect(await ids(t.as.admin)).toEqual(expect.arrayContaining(["mailer-own", "kong-own"]));
        expect(await ids(t.as.bridge)).toEqual(expect.arrayContaining(["mailer-own", "kong-own"]));

        expect((await t.as.bridge("GET", "/webhooks/listeners/mailer-own")).status).toBe(200);
        expect((await t.as.bridge("DELETE", "/webhooks/events/mailer-own")).status).toBe(200);
        expect((await t.as.bridge("DELETE", "/webhooks/listeners/mailer-own")).status).toBe(403);
        expect(
          (await t.as.admin("PUT", "/webhooks/listeners/mailer-own", { url: "http://admin/" })).status,
        ).toBe(200);
        expect((await t.as.admin("DELETE", "/webhooks/listeners/mailer-own")).status).toBe(204);
        expect((await t.as.mailer("GET", "/webhooks/listeners/mailer-own")).status).toBe(404);
        expect(
          await t.server.lastEvent("webhook_listener.deleted", (p) => p.listenerId === "mailer-own"),
        ).toEqual({
          listenerId: "mailer-own",
        });
      });

      it("refuses anonymous callers, non-administrators and read-only credentials", async () => {
        await t.as.kong("PUT", "/webhooks/listeners/kong-scope", { url: "http://kong/" });
        const code = async (
          call: WebhookTestServer["as"]["admin"],
          method: "GET" | "PUT" | "DELETE",
          path: string,
          body?: unknown,
        ) => {
          const answer = await call(method, path, body);
          return `${answer.status} ${(answer.body as ErrorBody | null)?.error?.code ?? "ok"}`;
        };
        expect(await code(t.as.anonymous, "GET", "/webhooks/listeners")).toBe("401 UNAUTHENTICATED");
        expect(await code(t.as.developer, "GET", "/webhooks/listeners")).toBe("403 FORBIDDEN");
        expect(await code(t.as.developer, "PUT", "/webhooks/listeners/dev", { url: "http://x/" })).toBe(
          "403 FORBIDDEN",
        );
        expect(await code(t.as.reader, "GET", "/webhooks/listeners")).toBe("200 ok");
        expect(await code(t.as.reader, "PUT", "/webhooks/listeners/reader", { url: "http://x/" })).toBe(
          "403 INSUFFICIENT_SCOPE",
        );
        expect(await code(t.as.adminReadOnly, "GET", "/webhooks/listeners/kong-scope")).toBe("200 ok");
        expect(await code(t.as.adminReadOnly, "DELETE", "/webhooks/events/kong-scope")).toBe(
          "403 INSUFFICIENT_SCOPE",
        );
        expect(await code(t.as.adminReadOnly, "DELETE", "/webhooks/listeners/kong-scope")).toBe(
          "403 INSUFFICIENT_SCOPE",
        );
        const bogus = await fetch(`${t.server.url}/webhooks/listeners`, {
          headers: { authorization: "Bearer not-a-known-token-at-all-0123456789" },
        });
        expect(bogus.status).toBe(401);
      });
    });
  }
});
