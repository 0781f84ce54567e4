import "reflect-metadata";
import { expect, it } from "vitest";
import { AccessTokenService } from "../access-tokens/access-token.service.js";
import { actorFor, seedCallers, type CallerKind } from "../authorization/caller-fixtures.js";
import { executeAs, testContext } from "../authorization/graphql-execution.fixture.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { describeEachBackend } from "../testing/backends.js";

const start = new Date("2026-06-01T12:00:00.000Z");

const query = `query ($first: Int, $after: String, $filter: AuditLogFilterInput) {
  auditLog(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id at actorId actorKind action targetType targetId summary clientAddress userAgent } }
  }
}`;

interface AuditData {
  auditLog: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: Record<string, unknown> }[];
  };
}

describeEachBackend("auditLog over GraphQL", (getHandle: () => DatabaseHandle) => {
  /** Three token creations a minute apart (two by the verified user, one by the approver) and one revocation. */
  const setup = async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, start);
    const as = async (kind: CallerKind) => actorFor(db, fixtures, kind);
    let clock = start;
    const tokens = new AccessTokenService({ db, clock: () => clock });
    const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000);
    clock = at(1);
    const first = await tokens.create(await as("verifiedUser"), { name: "one", scope: "read" });
    clock = at(2);
    await tokens.create(await as("approver"), { name: "two", scope: "write" });
    clock = at(3);
    await tokens.create(await as("verifiedUser"), { name: "three", scope: "read" });
    clock = at(4);
    await tokens.revoke(await as("administrator"), { id: first.accessToken.id });
    const admin = testContext(db, fixtures, await as("administrator"), () => clock);
    return { db, fixtures, as, admin, at, firstId: first.accessToken.id };
  };

  it("lists every write newest first, with actor, target, summary and origin", async () => {
    const { fixtures, admin, at, firstId } = await setup();
    const result = await executeAs<AuditData>(admin, query);
    expect(result.errors).toEqual([]);
    const log = result.data?.auditLog;
    expect(log?.totalCount).toBe(4);
    expect(log?.edges.map((edge) => edge.node.action)).toEqual([
      "access_token.revoked",
      "access_token.created",
      "access_token.created",
      "access_token.created",
    ]);
    expect(log?.edges[0]?.node).toEqual({
      id: expect.any(String) as string,
      at: at(4).toISOString(),
      actorId: fixtures.users.administrator.id,
      actorKind: "user",
      action: "access_token.revoked",
      targetType: "access_token",
      targetId: firstId,
      summary: { ownerId: fixtures.users.verified.id, name: "one" },
      clientAddress: "198.51.100.7",
      userAgent: "caller-fixtures",
    });
  });

  it("filters by actor, action, target and time, and pages with cursors", async () => {
    const { fixtures, admin, at, firstId } = await setup();
    const names = async (filter: Record<string, unknown>) => {
      const result = await executeAs<AuditData>(admin, query, { filter });
      expect(result.errors).toEqual([]);
      return result.data?.auditLog.edges.map((edge) => (edge.node.summary as { name: string }).name);
    };
    expect(await names({ actorId: fixtures.users.verified.id })).toEqual(["three", "one"]);
    expect(await names({ action: "access_token.created" })).toEqual(["three", "two", "one"]);
    expect(await names({ action: "access_token." })).toEqual(["one", "three", "two", "one"]);
    expect(await names({ targetType: "access_token", targetId: firstId })).toEqual(["one", "one"]);
    expect(await names({ from: at(2).toISOString(), to: at(4).toISOString() })).toEqual(["three", "two"]);

    const page1 = await executeAs<AuditData>(admin, query, { first: 3 });
    expect(page1.data?.auditLog.pageInfo.hasNextPage).toBe(true);
    const page2 = await executeAs<AuditData>(admin, query, {
      first: 3,
      after: page1.data?.auditLog.pageInfo.endCursor,
    });
    expect(page2.data?.auditLog.edges).toHaveLength(1);
    expect(page2.data?.auditLog.pageInfo.hasNextPage).toBe(false);
    expect(page2.data?.auditLog.totalCount).toBe(4);
  });

  it("refuses bad filters with the offending field, and non-administrators", async () => {
    const { db, fixtures, as, admin } = await setup();
    const bad = await executeAs(admin, query, { filter: { action: "access_token.*" } });
    expect(bad.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "action" }],
    });
    const reversed = await executeAs(admin, query, {
      filter: { from: "2026-06-02T00:00:00Z", to: "2026-06-01T00:00:00Z" },
    });
    expect(reversed.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "to", message: "must be later than from" }],
    });
    const user = testContext(db, fixtures, await as("verifiedUser"), () => start);
    const denied = await executeAs(user, query);
    expect(denied).toEqual({
      data: null,
      errors: [
        { message: "Only administrators may do this", path: ["auditLog"], extensions: { code: "FORBIDDEN" } },
      ],
    });
  });
});
