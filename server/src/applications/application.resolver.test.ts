import "reflect-metadata";
import { expect, it } from "vitest";
import { actorFor, seedCallers } from "../authorization/caller-fixtures.js";
import { executeAs, testContext } from "../authorization/graphql-execution.fixture.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { unsafeHtmlProblems } from "../markdown/html-safety.fixture.js";
import { describeEachBackend } from "../testing/backends.js";
import { insertUser } from "../users/user.repository.js";
import { insertMember } from "./application-member.repository.js";
import { insertApplication } from "./application.repository.js";
import { statementCounter } from "../testing/statement-counter.js";

const now = new Date("2026-06-01T12:00:00.000Z");

const page = `query ($first: Int, $after: String, $all: Boolean) {
  applications(first: $first, after: $after, all: $all) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name descriptionHtml clientType hasClientSecret redirectUris viewerRole
      members { role addedAt user { id email displayName } } } }
  }
}`;

interface Page {
  applications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      node: {
        id: string;
        viewerRole: string | null;
        hasClientSecret: boolean;
        members: { role: string; user: { email: string } }[];
      };
    }[];
  };
}

describeEachBackend("applications over GraphQL", (getHandle: () => DatabaseHandle) => {
  it("loads pages of applications with members and users in a constant number of statements", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    for (let u = 0; u < 10; u++) {
      await insertUser(
        db,
        {
          id: `usr_m${u}`,
          email: `member${u}@example.com`,
          passwordHash: null,
          displayName: `Member ${u}`,
          profile: {},
          emailVerifiedAt: now.toISOString(),
        },
        now,
      );
    }
    for (let i = 0; i < 60; i++) {
      const id = `bulk-${String(i).padStart(2, "0")}`;
      const at = new Date(now.getTime() - i * 1000).toISOString();
      await insertApplication(db, {
        id,
        name: `Bulk ${i}`,
        description: `App **${i}**`,
        clientType: i % 3 === 0 ? "confidential" : "public_spa",
        redirectUris: [`https://bulk${i}.example/cb`],
        createdBy: fixtures.users.verified.id,
        createdAt: at,
        updatedAt: at,
      });
      await insertMember(db, {
        applicationId: id,
        userId: fixtures.users.verified.id,
        role: "owner",
        addedAt: at,
      });
      for (let m = 0; m < (i % 4) + 1; m++) {
        await insertMember(db, {
          applicationId: id,
          userId: `usr_m${(i + m) % 10}`,
          role: "reader",
          addedAt: at,
        });
      }
    }
    const counter = statementCounter();
    const counted = db.withPlugin(counter.plugin);
    const run = async (kind: "verifiedUser" | "administrator", first: number, all = false) => {
      const actor = await actorFor(db, fixtures, kind);
      counter.reset();
      const result = await executeAs<Page>(
        testContext(counted, fixtures, actor, () => now),
        page,
        { first, all },
      );
      expect(result.errors).toEqual([]);
      return { page: result.data!.applications, statements: counter.count() };
    };

    const small = await run("verifiedUser", 2);
    const large = await run("verifiedUser", 50);
    expect(large.page.edges).toHaveLength(50);
    expect(large.page.totalCount).toBe(60);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBe(3); // count, page, members with their users
    expect(large.page.edges[0]?.node).toMatchObject({
      id: "bulk-00",
      viewerRole: "OWNER",
      hasClientSecret: true,
    });
    expect(large.page.edges[1]?.node.members.map((m) => m.role)).toEqual(["OWNER", "READER", "READER"]);

    const adminPage = await run("administrator", 50, true);
    expect(adminPage.statements).toBe(3);
    expect(adminPage.page.edges[0]?.node.viewerRole).toBeNull();
  });

  it("renders the description to safe HTML and creates, changes and deletes through the schema", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    // A fresh context per request, as the transport makes them.
    const ownerActor = await actorFor(db, fixtures, "verifiedUser");
    const anotherActor = await actorFor(db, fixtures, "anotherUser");
    const asOwner = () => testContext(db, fixtures, ownerActor, () => now);
    const asAnother = () => testContext(db, fixtures, anotherActor, () => now);
    const created = await executeAs<{ createApplication: { application: Record<string, unknown> } }>(
      asOwner(),
      `mutation ($input: CreateApplicationInput!) { createApplication(input: $input) {
        application { id name description descriptionHtml clientType hasClientSecret redirectUris viewerRole
          members { role user { email } } } } }`,
      {
        input: {
          id: "xss-test",
          name: "XSS test",
          description: 'Hi <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror="alert(1)">',
          clientType: "PUBLIC_NATIVE",
          redirectUris: ["com.acme.xss://callback"],
        },
      },
    );
    expect(created.errors).toEqual([]);
    const application = created.data!.createApplication.application;
    expect(application).toMatchObject({
      id: "xss-test",
      clientType: "PUBLIC_NATIVE",
      hasClientSecret: false,
      redirectUris: ["com.acme.xss://callback"],
      viewerRole: "OWNER",
      members: [{ role: "OWNER", user: { email: fixtures.users.verified.email } }],
    });
    const html = application.descriptionHtml as string;
    expect(unsafeHtmlProblems(html)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    expect(html).toContain("&lt;script&gt;");

    const invalid = await executeAs(
      asOwner(),
      `mutation { updateApplication(input: { id: "xss-test", redirectUris: ["https://a.example/cb", "http://b.example/cb"] }) { application { id } } }`,
    );
    expect(invalid.errors[0]?.extensions).toMatchObject({
      code: "VALIDATION_FAILED",
      fields: [{ field: "redirectUris.1", code: "INSECURE_HTTP" }],
    });

    const added = await executeAs<{
      addApplicationMember: { member: unknown; application: { members: unknown[] } };
    }>(
      asOwner(),
      `mutation { addApplicationMember(input: { applicationId: "xss-test", email: "Another@Example.com", role: READER }) {
        member { role user { email displayName } } application { members { role } } } }`,
    );
    expect(added.errors).toEqual([]);
    expect(added.data!.addApplicationMember.member).toEqual({
      role: "READER",
      user: { email: "another@example.com", displayName: "another" },
    });
    expect(added.data!.addApplicationMember.application.members).toHaveLength(2);

    const left = await executeAs<{ removeApplicationMember: unknown }>(
      asAnother(),
      `mutation ($id: ID!) { removeApplicationMember(input: { applicationId: "xss-test", userId: $id }) {
        applicationId removedUserId application { id } } }`,
      { id: fixtures.users.another.id },
    );
    expect(left).toEqual({
      data: {
        removeApplicationMember: {
          applicationId: "xss-test",
          removedUserId: fixtures.users.another.id,
          application: null,
        },
      },
      errors: [],
    });

    const lastOwner = await executeAs(
      asOwner(),
      `mutation ($id: ID!) { changeApplicationMemberRole(input: { applicationId: "xss-test", userId: $id, role: READER }) { member { role } } }`,
      { id: fixtures.users.verified.id },
    );
    expect(lastOwner.errors[0]?.extensions?.code).toBe("LAST_OWNER");

    const hidden = await executeAs(asAnother(), `query { application(id: "xss-test") { id } }`);
    expect(hidden).toEqual({ data: { application: null }, errors: [] });

    const deleted = await executeAs(
      asOwner(),
      `mutation { deleteApplication(input: { id: "xss-test" }) { deletedApplicationId } }`,
    );
    expect(deleted).toEqual({
      data: { deleteApplication: { deletedApplicationId: "xss-test" } },
      errors: [],
    });
    expect(await executeAs(asOwner(), `query { application(id: "xss-test") { id } }`)).toEqual({
      data: { application: null },
      errors: [],
    });
  });

  it("shows each mutation of one request the members as they are after it", async () => {
    const db = getHandle().db;
    const fixtures = await seedCallers(db, now);
    const context = testContext(db, fixtures, await actorFor(db, fixtures, "verifiedUser"), () => now);
    const result = await executeAs<Record<string, { application: { members: unknown[] } }>>(
      context,
      `mutation {
        create: createApplication(input: { id: "two-step", name: "Two steps", clientType: CONFIDENTIAL }) {
          application { members { role } } }
        first: addApplicationMember(input: { applicationId: "two-step", email: "another@example.com", role: READER }) {
          application { members { role } } }
        second: addApplicationMember(input: { applicationId: "two-step", email: "approver@example.com", role: COLLABORATOR }) {
          application { members { role } } }
      }`,
    );
    expect(result.errors).toEqual([]);
    expect(result.data?.create?.application.members).toEqual([{ role: "OWNER" }]);
    expect(result.data?.first?.application.members).toEqual([{ role: "OWNER" }, { role: "READER" }]);
    expect(result.data?.second?.application.members).toEqual([
      { role: "OWNER" },
      { role: "COLLABORATOR" },
      { role: "READER" },
    ]);
  });
});
