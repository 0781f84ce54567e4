import "reflect-metadata";
import { expect, it } from "vitest";
import { actorFor, seedCallers } from "../authorization/caller-fixtures.js";
import { executeAs, testContext } from "../authorization/graphql-execution.fixture.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { describeEachBackend } from "../testing/backends.js";
import { insertUser } from "./user.repository.js";
import { statementCounter } from "../testing/statement-counter.js";

const now = new Date("2026-06-01T12:00:00.000Z");

const usersPage = `query ($first: Int, $after: String) {
  users(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id email emailVerified isAdmin isApprover groups { id name isAdmin } profile { field value } } }
  }
}`;

interface UsersPage {
  users: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { node: { email: string; isAdmin: boolean; groups: { id: string }[] } }[];
  };
}

describeEachBackend("users over GraphQL", (getHandle: () => DatabaseHandle) => {
  it("loads a page of users with their groups in a constant number of statements", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    for (let i = 0; i < 30; i++) {
      const id = `usr_bulk_${String(i).padStart(2, "0")}`;
      await insertUser(
        db,
        {
          id,
          email: `bulk${String(i).padStart(2, "0")}@example.com`,
          passwordHash: null,
          displayName: id,
          profile: { name: id },
          emailVerifiedAt: null,
        },
        now,
      );
      await addUserToGroups(db, id, i % 2 === 0 ? ["developers", "partners"] : ["approvers"], now);
    }
    const admin = await actorFor(db, fixtures, "administrator");
    const counter = statementCounter();
    const counted = db.withPlugin(counter.plugin);
    const run = async (first: number, after: string | null = null) => {
      counter.reset();
      const result = await executeAs<UsersPage>(
        testContext(counted, fixtures, admin, () => now),
        usersPage,
        {
          first,
          after,
        },
      );
      expect(result.errors).toEqual([]);
      return { page: result.data!.users, statements: counter.count() };
    };

    const small = await run(2);
    const large = await run(25);
    expect(small.page.edges).toHaveLength(2);
    expect(large.page.edges).toHaveLength(25);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(3); // count, page, groups of the page

    const all = [];
    let after: string | null = null;
    for (;;) {
      const { page } = await run(10, after);
      all.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(all).toHaveLength(large.page.totalCount);
    expect(all.map((u) => u.email)).toEqual([...all.map((u) => u.email)].sort());
    expect(all.find((u) => u.email === "bulk00@example.com")?.groups.map((g) => g.id)).toEqual([
      "developers",
      "partners",
    ]);
    expect(all.find((u) => u.email === "administrator@example.com")?.isAdmin).toBe(true);
  });

  it("shows the viewer with groups and flags, and null to anonymous callers", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    const query = "query { viewer { email emailVerified isAdmin isApprover groups { id } } }";
    const approver = await executeAs<{ viewer: unknown }>(
      testContext(db, fixtures, await actorFor(db, fixtures, "approver"), () => now),
      query,
    );
    expect(approver.data?.viewer).toEqual({
      email: "approver@example.com",
      emailVerified: true,
      isAdmin: false,
      isApprover: true,
      groups: [{ id: "approvers" }, { id: "developers" }],
    });
    const anonymous = await executeAs<{ viewer: unknown }>(
      testContext(db, fixtures, await actorFor(db, fixtures, "anonymous"), () => now),
      query,
    );
    expect(anonymous).toEqual({ data: { viewer: null }, errors: [] });
  });
});
