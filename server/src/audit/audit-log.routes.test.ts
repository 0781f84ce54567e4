import "reflect-metadata";
import { expect, it } from "vitest";
import { anonymous, type Actor, type UserActor } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { DomainError } from "../errors/domain-error.js";
import { buildHttpServer } from "../http/http-server.js";
import { createReadinessCheck } from "../observability/readiness.js";
import { describeEachBackend } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import { auditLogRoutes } from "./audit-log.routes.js";
import { AuditLogService } from "./audit-log.service.js";

const origin = { address: null, userAgent: null, requestId: null };
const admin: UserActor = {
  kind: "user",
  userId: "usr_admin",
  email: "admin@example.com",
  emailVerified: true,
  groups: ["admin"],
  isAdmin: true,
  isApprover: false,
  via: { kind: "session", sessionId: "ses_1" },
  scope: "write",
  origin,
};
const actors: Record<string, Actor> = { admin, user: { ...admin, userId: "usr_u", isAdmin: false } };

describeEachBackend("GET /audit-log.csv", (getHandle: () => DatabaseHandle) => {
  const server = () => {
    const service = new AuditLogService({ db: getHandle().db, retentionDays: 30, clock: () => new Date() });
    return buildHttpServer({
      config: {
        http: {
          host: "127.0.0.1",
          port: 0,
          trustProxy: false,
          bodyLimitBytes: 1024,
          shutdownTimeoutMs: 1000,
        },
      },
      logger: testLogger(),
      readiness: createReadinessCheck({ ping: () => Promise.resolve(), configHash: () => "x" }),
      plugins: [
        auditLogRoutes({
          service,
          resolveActor: (request) => {
            const who = request.headers["x-test-actor"];
            if (who === "expired") return Promise.reject(DomainError.unauthenticated("The session expired"));
            return Promise.resolve(typeof who === "string" ? (actors[who] ?? anonymous()) : anonymous());
          },
        }),
      ],
    });
  };

  const seed = async () => {
    await getHandle()
      .db.insertInto("audit_log")
      .values([
        {
          id: "a1",
          at: "2026-03-01T10:00:00.000Z",
          actor_id: "usr_x",
          actor_kind: "user",
          action: "user.updated",
          target_type: "user",
          target_id: "usr_x",
          summary: JSON.stringify({ displayName: "=1+2" }),
          client_address: "198.51.100.1",
          user_agent: 'Agent "quoted", with comma',
        },
        {
          id: "a2",
          at: "2026-03-02T10:00:00.000Z",
          actor_id: null,
          actor_kind: "anonymous",
          action: "session.signed_in",
          target_type: null,
          target_id: null,
          summary: "{}",
          client_address: null,
          user_agent: "@evil",
        },
      ])
      .execute();
  };

  it("streams the filtered CSV to administrators as a download", async () => {
    await seed();
    const app = server();
    const all = await app.inject({
      method: "GET",
      url: "/audit-log.csv",
      headers: { "x-test-actor": "admin" },
    });
    expect(all.statusCode).toBe(200);
    expect(all.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(all.headers["content-disposition"]).toMatch(/^attachment; filename="audit-log-[0-9TZ-]+\.csv"$/);
    expect(all.headers["cache-control"]).toBe("no-store");
    expect(all.body).toBe(
      "at,id,actor_kind,actor_id,action,target_type,target_id,summary,client_address,user_agent\r\n" +
        "2026-03-02T10:00:00.000Z,a2,anonymous,,session.signed_in,,,{},,'@evil\r\n" +
        '2026-03-01T10:00:00.000Z,a1,user,usr_x,user.updated,user,usr_x,"{""displayName"":""=1+2""}",198.51.100.1,"Agent ""quoted"", with comma"\r\n',
    );

    const filtered = await app.inject({
      method: "GET",
      url: "/audit-log.csv?action=user.&from=2026-03-01T00:00:00Z&to=2026-03-03T00:00:00%2B01:00&actorId=usr_x",
      headers: { "x-test-actor": "admin" },
    });
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body.split("\r\n").map((line) => line.split(",")[1])).toEqual(["id", "a1", undefined]);
    await app.close();
  });

  it("answers errors with the status of their code and the usual error body", async () => {
    const app = server();
    const get = async (url: string, actor?: string) => {
      const response = await app.inject({
        method: "GET",
        url,
        headers: actor === undefined ? {} : { "x-test-actor": actor },
      });
      return {
        status: response.statusCode,
        body: response.json<{ error: { code: string; message: string } }>(),
      };
    };
    expect(await get("/audit-log.csv")).toMatchObject({
      status: 401,
      body: { error: { code: "UNAUTHENTICATED" } },
    });
    expect(await get("/audit-log.csv", "expired")).toEqual({
      status: 401,
      body: { error: { code: "UNAUTHENTICATED", message: "The session expired" } },
    });
    expect(await get("/audit-log.csv", "user")).toMatchObject({
      status: 403,
      body: { error: { code: "FORBIDDEN" } },
    });
    const typo = await get("/audit-log.csv?actor=usr_x&from=yesterday&action=a&action=b", "admin");
    expect(typo.status).toBe(400);
    expect(typo.body.error.code).toBe("VALIDATION_FAILED");
    expect(typo.body.error.message).toContain("actor: is not a filter");
    expect(typo.body.error.message).toContain("from: must be an ISO-8601 date-time");
    expect(typo.body.error.message).toContain("action: must be given once");
    const reversed = await get("/audit-log.csv?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", "admin");
    expect(reversed).toMatchObject({ status: 400, body: { error: { code: "VALIDATION_FAILED" } } });
    expect(reversed.body.error.message).toContain("to: must be later than from");
    await app.close();
  });
});
