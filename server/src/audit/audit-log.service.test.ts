import "reflect-metadata";
import type { Insertable, Kysely } from "kysely";
import { expect, it } from "vitest";
import { anonymous, system, type Actor, type UserActor } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import type { AuditLogTable, Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { pageRequest } from "../graphql/connection.js";
import { describeEachBackend } from "../testing/backends.js";
import { AuditLogService } from "./audit-log.service.js";
import type { AuditLogFilter } from "./audit-log.types.js";

const origin = { address: "203.0.113.9", userAgent: "test", requestId: null };
const admin: UserActor = {
  kind: "user",
  userId: "usr_admin",
  email: "admin@example.com",
  emailVerified: true,
  groups: ["admin"],
  isAdmin: true,
  isApprover: false,
  via: { kind: "session", sessionId: "ses_admin" },
  scope: "write",
  origin,
};
const readOnlyAdmin: UserActor = { ...admin, via: { kind: "token", tokenId: "pat_1" }, scope: "read" };
const plainUser: UserActor = { ...admin, userId: "usr_plain", groups: ["developers"], isAdmin: false };
const approver: UserActor = { ...plainUser, isApprover: true };

type Row = Insertable<AuditLogTable>;

function entry(id: string, at: string, overrides: Partial<Row> = {}): Row {
  return {
    id,
    at,
    actor_id: "usr_alice",
    actor_kind: "user",
    action: "user.updated",
    target_type: "user",
    target_id: "usr_alice",
    summary: JSON.stringify({ changedFields: ["displayName"] }),
    client_address: "198.51.100.1",
    user_agent: "curl/8",
    ...overrides,
  };
}

/** Nine entries; e1–e3 share a timestamp so that the id decides their order. */
const rows: Row[] = [
  entry("e1", "2026-03-01T10:00:00.000Z", { action: "user.created" }),
  entry("e2", "2026-03-01T10:00:00.000Z"),
  entry("e3", "2026-03-01T10:00:00.000Z", { actor_id: "usr_bob", target_id: "usr_bob" }),
  entry("e4", "2026-03-02T09:00:00.000Z", {
    action: "access_token.created",
    target_type: "access_token",
    target_id: "tok_1",
    actor_kind: "token",
  }),
  entry("e5", "2026-03-03T09:00:00.000Z", {
    action: "users.imported",
    actor_id: "system:cli",
    actor_kind: "system",
  }),
  entry("e6", "2026-03-04T09:00:00.000Z", { action: "userx.thing" }),
  entry("e7", "2026-03-05T09:00:00.000Z", {
    action: "user.disabled",
    actor_id: "usr_admin",
    target_id: "usr_bob",
  }),
  entry("e8", "2026-03-06T09:00:00.000Z", {
    action: "session.signed_in",
    actor_id: null,
    actor_kind: "anonymous",
    target_type: "session",
    target_id: "ses_1",
  }),
  entry("e9", "2026-03-07T09:00:00.000Z", { action: "USER.created" }),
];

async function seed(db: Kysely<Tables>): Promise<void> {
  await db.insertInto("audit_log").values(rows).execute();
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

async function readAll(chunks: AsyncIterable<string>): Promise<string> {
  let text = "";
  for await (const chunk of chunks) text += chunk;
  return text;
}

describeEachBackend("AuditLogService", (getHandle: () => DatabaseHandle) => {
  const service = (now = new Date("2026-03-10T00:00:00.000Z"), retentionDays = 365) =>
    new AuditLogService({ db: getHandle().db, retentionDays, clock: () => now });

  const idsOf = async (filter: AuditLogFilter, actor: Actor = admin) =>
    (await service().list(actor, filter, pageRequest({ first: 100 }))).items.map((item) => item.node.id);

  it("lists newest first with a stable order for equal times, and maps every column", async () => {
    await seed(getHandle().db);
    const page = await service().list(admin, null, pageRequest({}));
    expect(page.items.map((item) => item.node.id)).toEqual([
      "e9",
      "e8",
      "e7",
      "e6",
      "e5",
      "e4",
      "e3",
      "e2",
      "e1",
    ]);
    expect(page.totalCount).toBe(9);
    expect(page.items.find((item) => item.node.id === "e8")?.node).toEqual({
      id: "e8",
      at: "2026-03-06T09:00:00.000Z",
      actorId: null,
      actorKind: "anonymous",
      action: "session.signed_in",
      targetType: "session",
      targetId: "ses_1",
      summary: { changedFields: ["displayName"] },
      clientAddress: "198.51.100.1",
      userAgent: "curl/8",
    });
  });

  it("filters by actor, target type, target id, exact action and action prefix", async () => {
    await seed(getHandle().db);
    expect(await idsOf({ actorId: "usr_bob" })).toEqual(["e3"]);
    expect(await idsOf({ actorId: "system:cli" })).toEqual(["e5"]);
    expect(await idsOf({ targetType: "access_token" })).toEqual(["e4"]);
    expect(await idsOf({ targetId: "usr_bob" })).toEqual(["e7", "e3"]);
    expect(await idsOf({ targetType: "user", targetId: "usr_bob" })).toEqual(["e7", "e3"]);
    expect(await idsOf({ action: "user.created" })).toEqual(["e1"]);
    expect(await idsOf({ action: "user." })).toEqual(["e7", "e3", "e2", "e1"]);
    expect(await idsOf({ action: "access_token." })).toEqual(["e4"]);
    expect(await idsOf({ action: "user" })).toEqual([]);
    expect(await idsOf({ action: "user.", actorId: "usr_alice" })).toEqual(["e2", "e1"]);
  });

  it("filters by time: from inclusive, to exclusive", async () => {
    await seed(getHandle().db);
    expect(await idsOf({ from: new Date("2026-03-05T09:00:00.000Z") })).toEqual(["e9", "e8", "e7"]);
    expect(await idsOf({ to: new Date("2026-03-02T09:00:00.000Z") })).toEqual(["e3", "e2", "e1"]);
    expect(
      await idsOf({ from: new Date("2026-03-02T09:00:00.000Z"), to: new Date("2026-03-04T09:00:00.000Z") }),
    ).toEqual(["e5", "e4"]);
    expect(await idsOf({ from: new Date("2026-03-01T11:00:00+01:00") })).toEqual([
      "e9",
      "e8",
      "e7",
      "e6",
      "e5",
      "e4",
      "e3",
      "e2",
      "e1",
    ]);
  });

  it("pages through equal timestamps without gaps or repeats, with the filter's total count", async () => {
    await seed(getHandle().db);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await service().list(admin, { action: "user." }, pageRequest({ first: 1, after }));
      expect(page.totalCount).toBe(4);
      seen.push(...page.items.map((item) => item.node.id));
      if (!page.hasNextPage) break;
      after = page.items.at(-1)?.cursor ?? null;
    }
    expect(seen).toEqual(["e7", "e3", "e2", "e1"]);
  });

  it("refuses bad filters and cursors, naming the field", async () => {
    const bad = async (filter: AuditLogFilter) =>
      service()
        .list(admin, filter, pageRequest({}))
        .catch((e: unknown) => (e as DomainError).details.fields?.map((f) => f.field));
    expect(await bad({ action: "User.Created" })).toEqual(["action"]);
    expect(await bad({ action: "user.%" })).toEqual(["action"]);
    expect(await bad({ actorId: " " })).toEqual(["actorId"]);
    expect(
      await bad({ from: new Date("2026-03-02T00:00:00Z"), to: new Date("2026-03-01T00:00:00Z") }),
    ).toEqual(["to"]);
    expect(await codeOf(service().list(admin, {}, { first: 2, after: ["x"] }))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
  });

  it("is for administrators and the system only", async () => {
    await seed(getHandle().db);
    expect(await idsOf({ actorId: "usr_bob" }, readOnlyAdmin)).toEqual(["e3"]);
    expect(await idsOf({ actorId: "usr_bob" }, system("cli"))).toEqual(["e3"]);
    expect(await codeOf(service().list(plainUser, {}, pageRequest({})))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service().list(approver, {}, pageRequest({})))).toBe(ErrorCode.FORBIDDEN);
    expect(
      await codeOf(
        service().list(
          { kind: "service", serviceAccountId: "bridge", scope: "write", origin },
          {},
          pageRequest({}),
        ),
      ),
    ).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service().list(anonymous(), {}, pageRequest({})))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await codeOf(service().exportCsv(plainUser, {}))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service().exportCsv(admin, { action: "?" }))).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it("exports the filtered log as CSV, newest first, across batches", async () => {
    const db = getHandle().db;
    const many: Row[] = [];
    for (let i = 0; i < 1203; i += 1) {
      many.push(
        entry(`m${String(i).padStart(5, "0")}`, `2026-02-01T00:00:${String(i % 60).padStart(2, "0")}.000Z`, {
          action: i % 2 === 0 ? "user.updated" : "session.signed_in",
        }),
      );
    }
    for (let start = 0; start < many.length; start += 300) {
      await db
        .insertInto("audit_log")
        .values(many.slice(start, start + 300))
        .execute();
    }
    const csv = await readAll(await service().exportCsv(admin, { action: "user." }));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe(
      "at,id,actor_kind,actor_id,action,target_type,target_id,summary,client_address,user_agent",
    );
    expect(lines.at(-1)).toBe("");
    const ids = lines.slice(1, -1).map((line) => line.split(",")[1]);
    const expected = many
      .filter((row) => row.action === "user.updated")
      .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
      .map((row) => row.id);
    expect(ids).toEqual(expected);
    expect(lines[1]).toBe(
      `${expected[0] === undefined ? "" : many.find((r) => r.id === expected[0])?.at},${expected[0]},user,usr_alice,user.updated,user,usr_alice,"{""changedFields"":[""displayName""]}",198.51.100.1,curl/8`,
    );
  });

  it("exports an empty log as the header only", async () => {
    expect(await readAll(await service().exportCsv(admin, null))).toBe(
      "at,id,actor_kind,actor_id,action,target_type,target_id,summary,client_address,user_agent\r\n",
    );
  });

  it("purges entries older than the retention period and records the purge", async () => {
    const db = getHandle().db;
    await seed(db);
    const now = new Date("2026-03-10T09:00:00.000Z");
    // Retention 5 days: the cutoff is 2026-03-05T09:00:00.000Z; e7 (exactly at the cutoff) stays.
    expect(await service(now, 5).purgeExpiredAuditEntries()).toBe(6);
    const left = await db.selectFrom("audit_log").selectAll().orderBy("at").execute();
    expect(left.map((row) => row.id).slice(0, 3)).toEqual(["e7", "e8", "e9"]);
    const purge = left.find((row) => row.action === "audit_log.purged");
    expect(purge).toMatchObject({
      actor_id: "system:audit-retention",
      actor_kind: "system",
      at: now.toISOString(),
    });
    expect(JSON.parse(purge?.summary ?? "{}")).toEqual({
      deleted: 6,
      before: "2026-03-05T09:00:00.000Z",
      retentionDays: 5,
    });

    expect(await service(now, 5).purgeExpiredAuditEntries()).toBe(0);
    expect(await db.selectFrom("audit_log").select("id").execute()).toHaveLength(4);
    expect(await service(new Date("2026-03-10T09:00:00.000Z"), 365).purgeExpiredAuditEntries()).toBe(0);
  });
});
