import "reflect-metadata";
import { expect, it } from "vitest";
import { system, type Actor } from "../actor/actor.js";
import { actorFor, seedCallers, testOrigin, type CallerFixtures } from "../authorization/caller-fixtures.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { pageRequest } from "../graphql/connection.js";
import { describeEachBackend } from "../testing/backends.js";
import { AccessTokenService } from "./access-token.service.js";
import { hashAccessToken } from "./access-token.secret.js";
import { resolveBearerActor } from "./bearer-authentication.js";

const now = new Date("2026-06-01T12:00:00.000Z");

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error.code;
}

describeEachBackend("AccessTokenService", (getHandle: () => DatabaseHandle) => {
  let clock = now;
  const setup = async () => {
    const db = getHandle().db;
    clock = now;
    const fixtures = await seedCallers(db, now);
    const service = new AccessTokenService({ db, clock: () => clock });
    const as = (kind: Parameters<typeof actorFor>[2]) => actorFor(db, fixtures, kind);
    return { db, fixtures, service, as };
  };

  const authenticate = (fixtures: CallerFixtures, token: string) =>
    resolveBearerActor(
      getHandle().db,
      { staticConfig: fixtures.staticConfig, serviceAccounts: fixtures.runtime.serviceAccounts },
      token,
      testOrigin,
      clock,
    );

  it("creates a token that is shown once and stored only as a hash, with audit entry and event", async () => {
    const { db, fixtures, service, as } = await setup();
    const created = await service.create(await as("verifiedUser"), {
      name: "  deploy script  ",
      scope: "write",
      expiresAt: new Date("2026-12-31T00:00:00.000Z"),
    });
    expect(created.token).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);
    expect(created.accessToken).toEqual({
      id: expect.any(String) as string,
      userId: fixtures.users.verified.id,
      name: "deploy script",
      prefix: created.token.slice(0, 12),
      scope: "write",
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: "2026-12-31T00:00:00.000Z",
      revokedAt: null,
    });

    const row = await db
      .selectFrom("personal_access_tokens")
      .selectAll()
      .where("id", "=", created.accessToken.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashAccessToken(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(JSON.parse(row.scopes)).toEqual(["read", "write"]);

    const listed = await service.list(await as("verifiedUser"), {}, pageRequest({}));
    expect(JSON.stringify(listed)).not.toContain(created.token);

    const audit = await db.selectFrom("audit_log").selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_id: fixtures.users.verified.id,
      actor_kind: "user",
      action: "access_token.created",
      target_type: "access_token",
      target_id: created.accessToken.id,
      client_address: testOrigin.address,
    });
    expect(JSON.parse(audit[0]?.summary ?? "")).toEqual({
      ownerId: fixtures.users.verified.id,
      name: "deploy script",
      scope: "write",
      expiresAt: "2026-12-31T00:00:00.000Z",
    });
    const events = await db.selectFrom("outbox_events").selectAll().execute();
    expect(events.map((e): unknown[] => [e.event_name, JSON.parse(e.payload)])).toEqual([
      [
        "access_token.created",
        {
          userId: fixtures.users.verified.id,
          tokenId: created.accessToken.id,
          name: "deploy script",
          scope: "write",
          expiresAt: "2026-12-31T00:00:00.000Z",
        },
      ],
    ]);
    expect(JSON.stringify(events)).not.toContain(created.token);

    await expect(authenticate(fixtures, created.token)).resolves.toMatchObject({
      userId: fixtures.users.verified.id,
      via: { kind: "token", tokenId: created.accessToken.id },
    });
  });

  it("validates the input, naming each field, and writes nothing", async () => {
    const { db, service, as } = await setup();
    const actor = await as("verifiedUser");
    const error = await service
      .create(actor, { name: " ", scope: "admin", expiresAt: "tomorrow" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).details.fields?.map((f) => f.field)).toEqual([
      "name",
      "scope",
      "expiresAt",
    ]);
    expect(await codeOf(service.create(actor, { name: "x".repeat(101), scope: "read" }))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
    const past = await service
      .create(actor, { name: "old", scope: "read", expiresAt: now })
      .catch((e: unknown) => e as DomainError);
    expect(past).toMatchObject({ details: { fields: [{ field: "expiresAt", code: "IN_THE_PAST" }] } });
    expect(
      await db.selectFrom("personal_access_tokens").select("id").where("name", "=", "old").execute(),
    ).toEqual([]);
    expect(await db.selectFrom("audit_log").selectAll().execute()).toEqual([]);
  });

  it("lets only verified users create tokens, from a session and with write scope", async () => {
    const { fixtures, service, as } = await setup();
    const input = { name: "ci", scope: "read" };
    expect(await codeOf(service.create(await as("anonymous"), input))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await codeOf(service.create(await as("unverifiedUser"), input))).toBe(
      ErrorCode.EMAIL_NOT_VERIFIED,
    );
    expect(await codeOf(service.create(await as("serviceAccount"), input))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service.create(await as("readOnlyToken"), input))).toBe(ErrorCode.INSUFFICIENT_SCOPE);
    const viaWriteToken = await authenticate(fixtures, fixtures.tokens.write.token);
    expect(await codeOf(service.create(viaWriteToken, input))).toBe(ErrorCode.FORBIDDEN);
    await expect(service.create(await as("administrator"), input)).resolves.toBeDefined();
  });

  it("lists own tokens newest first, paginated, without revoked ones unless asked", async () => {
    const { fixtures, service, as } = await setup();
    const actor = await as("anotherUser");
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      clock = new Date(now.getTime() + (i < 3 ? 0 : i) * 1000);
      ids.push((await service.create(actor, { name: `token ${i}`, scope: "read" })).accessToken.id);
    }
    await service.revoke(actor, { id: ids[4] });
    const expectedOrder = [ids[3], ...[ids[0], ids[1], ids[2]].sort().reverse()];

    const first = await service.list(actor, {}, pageRequest({ first: 2 }));
    expect(first.totalCount).toBe(4);
    expect(first.hasNextPage).toBe(true);
    const second = await service.list(
      actor,
      {},
      pageRequest({ first: 2, after: first.items.at(-1)?.cursor ?? null }),
    );
    expect(second.hasNextPage).toBe(false);
    expect([...first.items, ...second.items].map((item) => item.node.id)).toEqual(expectedOrder);

    const all = await service.list(actor, { includeRevoked: true }, pageRequest({}));
    expect(all.items.map((item) => item.node.id)).toEqual([ids[4], ...expectedOrder]);
    expect(all.items[0]?.node.revokedAt).not.toBeNull();

    const own = await service.list(await as("verifiedUser"), {}, pageRequest({}));
    expect(own.items.map((item) => item.node.id).sort()).toEqual(
      [fixtures.tokens.readOnly.id, fixtures.tokens.write.id].sort(),
    );
  });

  it("lets administrators list anyone's tokens, and nobody else", async () => {
    const { fixtures, service, as } = await setup();
    const query = { userId: fixtures.users.verified.id };
    const asAdmin = await service.list(await as("administrator"), query, pageRequest({}));
    expect(asAdmin.totalCount).toBe(2);
    expect((await service.list(system("cli"), query, pageRequest({}))).totalCount).toBe(2);
    expect((await service.list(await as("readOnlyToken"), query, pageRequest({}))).totalCount).toBe(2);
    expect(await codeOf(service.list(await as("anotherUser"), query, pageRequest({})))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await codeOf(service.list(await as("serviceAccount"), query, pageRequest({})))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await codeOf(service.list(await as("serviceAccount"), {}, pageRequest({})))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(await codeOf(service.list(await as("anonymous"), {}, pageRequest({})))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
    expect(await codeOf(service.list(await as("verifiedUser"), {}, { first: 5, after: [1] }))).toBe(
      ErrorCode.VALIDATION_FAILED,
    );
  });

  it("revokes at once, by the owner or an administrator; again is a no-op", async () => {
    const { db, fixtures, service, as } = await setup();
    const owner = await as("verifiedUser");
    const id = fixtures.tokens.write.id;
    expect(await codeOf(service.revoke(await as("anotherUser"), { id }))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service.revoke(await as("approver"), { id }))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service.revoke(await as("serviceAccount"), { id }))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(service.revoke(await as("readOnlyToken"), { id }))).toBe(
      ErrorCode.INSUFFICIENT_SCOPE,
    );
    expect(await codeOf(service.revoke(await as("anonymous"), { id }))).toBe(ErrorCode.UNAUTHENTICATED);
    expect(await codeOf(service.revoke(owner, { id: "no-such-token" }))).toBe(ErrorCode.NOT_FOUND);

    clock = new Date(now.getTime() + 5000);
    const revoked = await service.revoke(owner, { id });
    expect(revoked.revokedAt).toBe(clock.toISOString());
    expect(await codeOf(authenticate(fixtures, fixtures.tokens.write.token))).toBe(ErrorCode.UNAUTHENTICATED);

    const again = await service.revoke(owner, { id });
    expect(again.revokedAt).toBe(clock.toISOString());
    expect(await db.selectFrom("audit_log").select("action").execute()).toEqual([
      { action: "access_token.revoked" },
    ]);
    const events = await db.selectFrom("outbox_events").select(["event_name", "payload"]).execute();
    expect(events.map((e): unknown[] => [e.event_name, JSON.parse(e.payload)])).toEqual([
      ["access_token.revoked", { userId: fixtures.users.verified.id, tokenId: id, name: "write token" }],
    ]);

    const admin: Actor = await as("administrator");
    await service.revoke(admin, { id: fixtures.tokens.readOnly.id });
    const audit = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("target_id", "=", fixtures.tokens.readOnly.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_id).toBe(fixtures.users.administrator.id);
    expect(JSON.parse(audit.summary)).toEqual({ ownerId: fixtures.users.verified.id, name: "read token" });
  });
});
