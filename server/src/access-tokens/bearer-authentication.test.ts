import { expect, it } from "vitest";
import {
  seedCallers,
  insertToken,
  testOrigin,
  type CallerFixtures,
} from "../authorization/caller-fixtures.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { describeEachBackend } from "../testing/backends.js";
import { findAccessTokenById } from "./access-token.repository.js";
import { LAST_USED_RESOLUTION_MS, resolveBearerActor } from "./bearer-authentication.js";

const now = new Date("2026-06-01T12:00:00.000Z");

async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

describeEachBackend("resolveBearerActor", (getHandle: () => DatabaseHandle) => {
  const resolve = (fixtures: CallerFixtures, token: string, at = now) =>
    resolveBearerActor(
      getHandle().db,
      { staticConfig: fixtures.staticConfig, serviceAccounts: fixtures.runtime.serviceAccounts },
      token,
      testOrigin,
      at,
    );

  it("turns a personal access token into its owner, with the token's scope", async () => {
    const fixtures = await seedCallers(getHandle().db, now);
    expect(await resolve(fixtures, fixtures.tokens.readOnly.token)).toEqual({
      kind: "user",
      userId: fixtures.users.verified.id,
      email: fixtures.users.verified.email,
      emailVerified: true,
      groups: ["developers"],
      isAdmin: false,
      isApprover: false,
      via: { kind: "token", tokenId: fixtures.tokens.readOnly.id },
      scope: "read",
      origin: testOrigin,
    });
    expect(await resolve(fixtures, fixtures.tokens.write.token)).toMatchObject({ scope: "write" });
  });

  it("carries the owner's admin rights", async () => {
    const fixtures = await seedCallers(getHandle().db, now);
    const token = await insertToken(getHandle().db, fixtures.users.administrator.id, "read", now);
    expect(await resolve(fixtures, token.token)).toMatchObject({ isAdmin: true, scope: "read" });
  });

  it("turns a service account token into a service actor", async () => {
    const fixtures = await seedCallers(getHandle().db, now);
    expect(await resolve(fixtures, fixtures.serviceToken)).toEqual({
      kind: "service",
      serviceAccountId: "bridge",
      scope: "write",
      origin: testOrigin,
    });
  });

  it("refuses unknown and malformed tokens", async () => {
    const fixtures = await seedCallers(getHandle().db, now);
    const unknownPat = `pat_${"A".repeat(43)}`;
    for (const token of [unknownPat, "pat_short", `${fixtures.tokens.write.token}x`]) {
      const error = await refusal(resolve(fixtures, token));
      expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
      expect(error.message).toBe("The access token is unknown; create a new one");
    }
    const error = await refusal(resolve(fixtures, `${fixtures.serviceToken}x`));
    expect(error.message).toBe("The bearer token is not a valid access token");
  });

  it("refuses revoked and expired tokens, saying which", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    await db
      .updateTable("personal_access_tokens")
      .set({ revoked_at: now.toISOString() })
      .where("id", "=", fixtures.tokens.write.id)
      .execute();
    expect((await refusal(resolve(fixtures, fixtures.tokens.write.token))).message).toBe(
      'The access token "write token" was revoked; create a new one',
    );

    const expiring = await insertToken(db, fixtures.users.verified.id, "write", now, {
      name: "nightly",
      expiresAt: "2026-06-02T00:00:00.000Z",
    });
    await expect(
      resolve(fixtures, expiring.token, new Date("2026-06-01T23:59:59.999Z")),
    ).resolves.toMatchObject({
      kind: "user",
    });
    const error = await refusal(resolve(fixtures, expiring.token, new Date("2026-06-02T00:00:00.000Z")));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.message).toBe(
      'The access token "nightly" expired at 2026-06-02T00:00:00.000Z; create a new one',
    );
  });

  it("refuses tokens of disabled accounts at once, and works again when re-enabled", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    const token = await insertToken(db, fixtures.users.another.id, "write", now);
    await resolve(fixtures, token.token);
    await db
      .updateTable("users")
      .set({ disabled_at: now.toISOString() })
      .where("id", "=", fixtures.users.another.id)
      .execute();
    const error = await refusal(resolve(fixtures, token.token));
    expect(error.code).toBe(ErrorCode.UNAUTHENTICATED);
    expect(error.message).toBe(
      'The account that owns the access token "write token" is disabled or was deleted',
    );
    await db
      .updateTable("users")
      .set({ disabled_at: null })
      .where("id", "=", fixtures.users.another.id)
      .execute();
    await expect(resolve(fixtures, token.token)).resolves.toMatchObject({
      userId: fixtures.users.another.id,
    });
  });

  it("records the last use at most once a minute", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    const lastUsed = async () => (await findAccessTokenById(db, fixtures.tokens.write.id))?.lastUsedAt;
    expect(await lastUsed()).toBeNull();

    await resolve(fixtures, fixtures.tokens.write.token, now);
    expect(await lastUsed()).toBe(now.toISOString());

    const within = new Date(now.getTime() + LAST_USED_RESOLUTION_MS - 1);
    await resolve(fixtures, fixtures.tokens.write.token, within);
    expect(await lastUsed()).toBe(now.toISOString());

    const after = new Date(now.getTime() + LAST_USED_RESOLUTION_MS + 1);
    await resolve(fixtures, fixtures.tokens.write.token, after);
    expect(await lastUsed()).toBe(after.toISOString());
  });
});
