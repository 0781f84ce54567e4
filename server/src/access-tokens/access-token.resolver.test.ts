import "reflect-metadata";
import { expect, it } from "vitest";
import { actorFor, seedCallers, testOrigin, type CallerKind } from "../authorization/caller-fixtures.js";
import { executeAs, testContext } from "../authorization/graphql-execution.fixture.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { describeEachBackend } from "../testing/backends.js";
import { resolveBearerActor } from "./bearer-authentication.js";

const now = new Date("2026-06-01T12:00:00.000Z");

interface TokenNode {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

const create = `mutation ($input: CreateAccessTokenInput!) {
  createAccessToken(input: $input) { token accessToken { id name prefix scope createdAt lastUsedAt expiresAt revokedAt } }
}`;
const list = `query ($first: Int, $after: String, $includeRevoked: Boolean) {
  accessTokens(first: $first, after: $after, includeRevoked: $includeRevoked) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name prefix scope revokedAt } }
  }
}`;
const revoke = `mutation ($id: ID!) { revokeAccessToken(input: { id: $id }) { accessToken { id revokedAt } } }`;

describeEachBackend("personal access tokens over GraphQL", (getHandle: () => DatabaseHandle) => {
  const setup = async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    const as = async (kind: CallerKind) =>
      testContext(db, fixtures, await actorFor(db, fixtures, kind), () => now);
    const bearer = (token: string) =>
      resolveBearerActor(
        db,
        { staticConfig: fixtures.staticConfig, serviceAccounts: fixtures.runtime.serviceAccounts },
        token,
        testOrigin,
        now,
      );
    return { db, fixtures, as, bearer };
  };

  it("creates a token, shows it once, lists it without the token, and the token works until revoked", async () => {
    const { fixtures, as, bearer } = await setup();
    const owner = await as("anotherUser");
    const created = await executeAs<{ createAccessToken: { token: string; accessToken: TokenNode } }>(
      owner,
      create,
      {
        input: { name: "backup job", scope: "READ", expiresAt: "2026-09-01T00:00:00+02:00" },
      },
    );
    expect(created.errors).toEqual([]);
    const payload = created.data?.createAccessToken;
    expect(payload?.token).toMatch(/^pat_/);
    expect(payload?.accessToken).toEqual({
      id: expect.any(String) as string,
      name: "backup job",
      prefix: payload?.token.slice(0, 12),
      scope: "READ",
      createdAt: now.toISOString(),
      lastUsedAt: null,
      expiresAt: "2026-08-31T22:00:00.000Z",
      revokedAt: null,
    });

    const actor = await bearer(payload?.token ?? "");
    expect(actor).toMatchObject({ kind: "user", userId: fixtures.users.another.id, scope: "read" });

    const listed = await executeAs<{ accessTokens: { totalCount: number; edges: { node: TokenNode }[] } }>(
      testContext(getHandle().db, fixtures, actor, () => now),
      list,
    );
    expect(listed.errors).toEqual([]);
    expect(listed.data?.accessTokens.totalCount).toBe(1);
    expect(listed.data?.accessTokens.edges[0]?.node).toMatchObject({ name: "backup job", scope: "READ" });
    expect(JSON.stringify(listed.data)).not.toContain(payload?.token);

    const revoked = await executeAs<{ revokeAccessToken: { accessToken: TokenNode } }>(owner, revoke, {
      id: payload?.accessToken.id,
    });
    expect(revoked.errors).toEqual([]);
    expect(revoked.data?.revokeAccessToken.accessToken.revokedAt).toBe(now.toISOString());
    await expect(bearer(payload?.token ?? "")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("pages through the caller's tokens with cursors", async () => {
    const { as } = await setup();
    const owner = await as("approver");
    for (const name of ["a", "b", "c"]) await executeAs(owner, create, { input: { name, scope: "WRITE" } });
    type ListData = {
      accessTokens: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: TokenNode }[];
      };
    };
    const first = await executeAs<ListData>(owner, list, { first: 2 });
    expect(first.data?.accessTokens).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    const second = await executeAs<ListData>(owner, list, {
      first: 2,
      after: first.data?.accessTokens.pageInfo.endCursor,
    });
    expect(second.data?.accessTokens.pageInfo).toEqual({
      hasNextPage: false,
      endCursor: expect.any(String) as string,
    });
    const names = [...(first.data?.accessTokens.edges ?? []), ...(second.data?.accessTokens.edges ?? [])].map(
      (edge) => edge.node.name,
    );
    expect(names.sort()).toEqual(["a", "b", "c"]);
    const bad = await executeAs(owner, list, { first: 101 });
    expect(bad.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "first" }],
    });
  });

  it("answers bad input with VALIDATION_FAILED naming the fields, and creates nothing", async () => {
    const { db, as } = await setup();
    const result = await executeAs(await as("verifiedUser"), create, {
      input: { name: "", scope: "READ", expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "name", code: "TOO_SMALL", message: "must not be empty" }],
    });
    const past = await executeAs(await as("verifiedUser"), create, {
      input: { name: "old", scope: "READ", expiresAt: "2020-01-01T00:00:00Z" },
    });
    expect(past.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "expiresAt", code: "IN_THE_PAST", message: "must be in the future" }],
    });
    const rows = await db.selectFrom("personal_access_tokens").select("name").execute();
    expect(rows.map((row) => row.name).sort()).toEqual(["read token", "write token"]);
  });

  it("refuses mutations with a read-only token and revoking other users' tokens", async () => {
    const { fixtures, as } = await setup();
    const readOnly = await executeAs(await as("readOnlyToken"), create, {
      input: { name: "x", scope: "READ" },
    });
    expect(readOnly.errors[0]?.extensions?.code).toBe("INSUFFICIENT_SCOPE");
    const other = await executeAs(await as("anotherUser"), revoke, { id: fixtures.tokens.write.id });
    expect(other.errors[0]).toMatchObject({
      message: "Only administrators may do this",
      extensions: { code: "FORBIDDEN" },
    });
    const admin = await executeAs(await as("administrator"), revoke, { id: fixtures.tokens.write.id });
    expect(admin.errors).toEqual([]);
  });
});
