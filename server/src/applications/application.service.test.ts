import { describe, expect, it } from "vitest";
import { system } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { describeEachBackend } from "../testing/backends.js";
import { codeOf, domainErrorOf, failingInsertsInto } from "../users/account.fixtures.js";
import { applicationIdProblem } from "./application-id.js";
import {
  applicationsOn,
  auditOf,
  eventsOf,
  newApplication,
  person,
  testNow,
} from "./application.fixtures.js";
import { pageRequest } from "../graphql/connection.js";

describe("application id rules", () => {
  it.each(["abcd", "0abc", "my-app", "my_app", "a".repeat(50), "app-2026_v2"])("accepts %s", (id) => {
    expect(applicationIdProblem(id)).toBeNull();
  });
  it.each(["abc", "a".repeat(51), "-app", "_app", "My-App", "my app", "my.app", "appé", "my/app", ""])(
    "refuses %j",
    (id) => {
      expect(applicationIdProblem(id)).not.toBeNull();
    },
  );
});

describeEachBackend("applications", (getHandle: () => DatabaseHandle) => {
  describe("create", () => {
    it("registers an application, makes the creator its owner, and records audit and event", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const created = await applicationsOn(db).applications.create(alice.actor, {
        ...newApplication("shop-web"),
        name: "  Shop  ",
        redirectUris: [" https://shop.example/cb ", "http://localhost:3000/cb"],
      });
      expect(created).toEqual({
        id: "shop-web",
        name: "Shop",
        description: "Does *things*.",
        clientType: "confidential",
        redirectUris: ["https://shop.example/cb", "http://localhost:3000/cb"],
        createdBy: alice.id,
        createdAt: testNow.toISOString(),
        updatedAt: testNow.toISOString(),
      });
      const members = await db.selectFrom("application_members").selectAll().execute();
      expect(members).toEqual([
        { application_id: "shop-web", user_id: alice.id, role: "owner", added_at: testNow.toISOString() },
      ]);
      expect(await eventsOf(db)).toEqual([
        {
          name: "application.created",
          subject: { applicationId: "shop-web" },
          payload: {
            applicationId: "shop-web",
            name: "Shop",
            clientType: "confidential",
            redirectUris: ["https://shop.example/cb", "http://localhost:3000/cb"],
            ownerId: alice.id,
          },
        },
      ]);
      const [audit] = await auditOf(db);
      expect(audit).toMatchObject({
        action: "application.created",
        actor_id: alice.id,
        target_type: "application",
        target_id: "shop-web",
        client_address: "203.0.113.20",
      });
      expect(audit?.summary).toMatchObject({ name: "Shop", clientType: "confidential" });
    });

    it("refuses a taken id with CONFLICT, naming the field", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const bob = await person(db, "bob");
      const services = applicationsOn(db);
      await services.applications.create(alice.actor, newApplication("taken"));
      const error = await domainErrorOf(services.applications.create(bob.actor, newApplication("taken")));
      expect(error.code).toBe("CONFLICT");
      expect(error.details.fields).toEqual([expect.objectContaining({ field: "id", code: "TAKEN" })]);
      expect(await eventsOf(db)).toHaveLength(1);
    });

    it("names every invalid field in one VALIDATION_FAILED, with the index of each bad redirect URI", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const error = await domainErrorOf(
        applicationsOn(db).applications.create(alice.actor, {
          id: "My App",
          name: "",
          description: "x".repeat(1025),
          clientType: "public",
          redirectUris: ["https://ok.example/cb", "http://evil.example/cb", "https://ok.example/cb#x", 7],
        }),
      );
      expect(error.code).toBe("VALIDATION_FAILED");
      expect(error.details.fields?.map((f) => f.field).sort()).toEqual(
        ["clientType", "description", "id", "name", "redirectUris.3"].sort(),
      );
      const valid = await domainErrorOf(
        applicationsOn(db).applications.create(alice.actor, {
          ...newApplication("good-id"),
          redirectUris: ["https://ok.example/cb", "http://evil.example/cb", "https://ok.example/cb#x"],
        }),
      );
      expect(valid.details.fields).toEqual([
        expect.objectContaining({ field: "redirectUris.1", code: "INSECURE_HTTP" }),
        expect.objectContaining({ field: "redirectUris.2", code: "FRAGMENT" }),
      ]);
      expect(await db.selectFrom("applications").selectAll().execute()).toEqual([]);
    });

    it("checks the id rules: length 4–50, [a-z0-9][a-z0-9_-]*", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const services = applicationsOn(db);
      for (const id of ["abc", "a".repeat(51), "-abc", "ABCD", "ab cd", "abc.d"]) {
        const error = await domainErrorOf(services.applications.create(alice.actor, newApplication(id)));
        expect(
          error.details.fields?.map((f) => f.field),
          id,
        ).toEqual(["id"]);
      }
      for (const id of ["abcd", "0-_a", "a".repeat(50)]) {
        await services.applications.create(alice.actor, newApplication(id));
      }
    });

    it("lets only verified users and administrators create; never service accounts or read-only tokens", async () => {
      const { db } = getHandle();
      const services = applicationsOn(db);
      const unverified = await person(db, "unverified", { verified: false });
      const admin = await person(db, "root", { verified: false, isAdmin: true });
      const reader = await person(db, "script", { scope: "read" });
      expect(await codeOf(services.applications.create(unverified.actor, newApplication("app-1")))).toBe(
        "EMAIL_NOT_VERIFIED",
      );
      expect(await codeOf(services.applications.create(reader.actor, newApplication("app-2")))).toBe(
        "INSUFFICIENT_SCOPE",
      );
      expect(await codeOf(services.applications.create(system("cli"), newApplication("app-3")))).toBe(
        "FORBIDDEN",
      );
      await services.applications.create(admin.actor, newApplication("app-4"));
    });

    it("writes nothing when the event cannot be written", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const failing = db.withPlugin(failingInsertsInto("outbox_events"));
      await expect(
        applicationsOn(failing).applications.create(alice.actor, newApplication("doomed")),
      ).rejects.toThrow(/inserts into outbox_events fail/);
      expect(await db.selectFrom("applications").selectAll().execute()).toEqual([]);
      expect(await db.selectFrom("application_members").selectAll().execute()).toEqual([]);
      expect(await auditOf(db)).toEqual([]);
    });
  });

  describe("update", () => {
    it("changes the given fields only, and records which changed", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      let now = testNow;
      const services = applicationsOn(db, [], () => now);
      await services.applications.create(alice.actor, newApplication("shop"));
      now = new Date(testNow.getTime() + 60_000);
      const updated = await services.applications.update(alice.actor, {
        id: "shop",
        name: "Shop 2",
        clientType: "public_spa",
        description: null,
        redirectUris: ["https://app.example.com/callback", "com.acme.shop://cb"],
      });
      expect(updated).toMatchObject({
        name: "Shop 2",
        description: "Does *things*.",
        clientType: "public_spa",
        redirectUris: ["https://app.example.com/callback", "com.acme.shop://cb"],
        createdAt: testNow.toISOString(),
        updatedAt: now.toISOString(),
      });
      expect(await services.applications.find(alice.actor, "shop")).toEqual(updated);
      const events = await eventsOf(db);
      expect(events.at(-1)).toEqual({
        name: "application.updated",
        subject: { applicationId: "shop" },
        payload: {
          applicationId: "shop",
          changedFields: ["name", "clientType", "redirectUris"],
          name: "Shop 2",
          clientType: "public_spa",
          redirectUris: ["https://app.example.com/callback", "com.acme.shop://cb"],
        },
      });
      const audit = (await auditOf(db)).at(-1);
      expect(audit?.summary).toEqual({
        name: { from: "App shop", to: "Shop 2" },
        clientType: { from: "confidential", to: "public_spa" },
        redirectUris: {
          from: ["https://app.example.com/callback"],
          to: ["https://app.example.com/callback", "com.acme.shop://cb"],
        },
      });
    });

    it("changes nothing (no event) when nothing differs; clears the description with an empty string", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const services = applicationsOn(db);
      const created = await services.applications.create(alice.actor, newApplication("shop"));
      expect(await services.applications.update(alice.actor, { id: "shop", name: created.name })).toEqual(
        created,
      );
      expect((await eventsOf(db)).map((e) => e.name)).toEqual(["application.created"]);
      const cleared = await services.applications.update(alice.actor, { id: "shop", description: "" });
      expect(cleared.description).toBe("");
    });

    it("validates like creation and names the redirect URI's index", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const services = applicationsOn(db);
      await services.applications.create(alice.actor, newApplication("shop"));
      const error = await domainErrorOf(
        services.applications.update(alice.actor, {
          id: "shop",
          name: " ",
          redirectUris: ["https://a.example/cb", "https://a.example/cb"],
        }),
      );
      expect(error.details.fields?.map((f) => `${f.field}:${f.code}`)).toEqual([
        "name:TOO_SMALL",
        "redirectUris.1:DUPLICATE",
      ]);
    });

    it("runs the update hooks in the transaction: a refusing hook rolls the change back", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const seen: string[][] = [];
      const services = applicationsOn(db, [
        {
          afterApplicationUpdate: async (trx, _actor, change) => {
            seen.push([...change.changedFields]);
            const row = await trx
              .selectFrom("applications")
              .select("name")
              .where("id", "=", "shop")
              .executeTakeFirst();
            if (row?.name === "Forbidden") throw new Error("hook refuses");
          },
        },
      ]);
      await services.applications.create(alice.actor, newApplication("shop"));
      await services.applications.update(alice.actor, { id: "shop", name: "Fine" });
      await expect(
        services.applications.update(alice.actor, { id: "shop", name: "Forbidden" }),
      ).rejects.toThrow("hook refuses");
      expect(seen).toEqual([["name"], ["name"]]);
      expect((await services.applications.find(alice.actor, "shop"))?.name).toBe("Fine");
      expect((await eventsOf(db)).map((e) => e.name)).toEqual(["application.created", "application.updated"]);
    });
  });

  describe("delete", () => {
    it("deletes with its members; the hook's events and application.deleted land in the same transaction", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const bob = await person(db, "bob");
      const calls: string[] = [];
      const services = applicationsOn(db, [
        {
          beforeApplicationDelete: async (trx, actor, application) => {
            calls.push(application.id);
            // What the subscriptions noun does: one event per removed subscription, with the same transaction.
            for (const subscription of ["sub-1", "sub-2"]) {
              await trx
                .insertInto("outbox_events")
                .values({
                  event_name: "test.subscription_deleted",
                  schema_version: 1,
                  occurred_at: testNow.toISOString(),
                  actor: JSON.stringify({ kind: actor.kind }),
                  subject_ids: JSON.stringify({ applicationId: application.id, subscription }),
                  payload: "{}",
                })
                .execute();
            }
          },
        },
      ]);
      await services.applications.create(alice.actor, newApplication("shop"));
      await services.applications.create(alice.actor, newApplication("keep"));
      await services.members.add(alice.actor, { applicationId: "shop", email: bob.email, role: "reader" });
      expect(await services.applications.delete(alice.actor, { id: "shop" })).toEqual({
        deletedApplicationId: "shop",
      });
      expect(calls).toEqual(["shop"]);
      expect(await db.selectFrom("applications").select("id").execute()).toEqual([{ id: "keep" }]);
      expect(
        await db
          .selectFrom("application_members")
          .select("application_id")
          .where("application_id", "=", "shop")
          .execute(),
      ).toEqual([]);
      const names = (await eventsOf(db, "")).map((e) => e.name).slice(-3);
      expect(names).toEqual([
        "test.subscription_deleted",
        "test.subscription_deleted",
        "application.deleted",
      ]);
      expect((await eventsOf(db)).at(-1)?.payload).toEqual({ applicationId: "shop", name: "App shop" });
      expect((await auditOf(db)).at(-1)).toMatchObject({ action: "application.deleted", target_id: "shop" });
    });

    it("leaves everything in place when the deletion fails after the hook ran", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const hookWrites = {
        beforeApplicationDelete: async (trx: typeof db) => {
          await trx
            .updateTable("applications")
            .set({ name: "half-deleted" })
            .where("id", "=", "shop")
            .execute();
        },
      };
      await applicationsOn(db).applications.create(alice.actor, newApplication("shop"));
      const failing = db.withPlugin(failingInsertsInto("audit_log"));
      await expect(
        applicationsOn(failing, [hookWrites]).applications.delete(alice.actor, { id: "shop" }),
      ).rejects.toThrow(/inserts into audit_log fail/);
      expect(await db.selectFrom("applications").select(["id", "name"]).execute()).toEqual([
        { id: "shop", name: "App shop" },
      ]);
      expect(await db.selectFrom("application_members").selectAll().execute()).toHaveLength(1);
      expect((await eventsOf(db)).map((e) => e.name)).toEqual(["application.created"]);
    });

    it("answers NOT_FOUND for an unknown id and for someone else's application", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const mallory = await person(db, "mallory");
      const services = applicationsOn(db);
      await services.applications.create(alice.actor, newApplication("shop"));
      const unknown = await domainErrorOf(services.applications.delete(mallory.actor, { id: "nope" }));
      const hidden = await domainErrorOf(services.applications.delete(mallory.actor, { id: "shop" }));
      expect(unknown.code).toBe("NOT_FOUND");
      expect(hidden.code).toBe("NOT_FOUND");
      expect(hidden.message).toBe(unknown.message.replace("nope", "shop"));
    });
  });

  describe("read and list", () => {
    it("lists the caller's applications newest first with stable cursors; administrators list all", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const bob = await person(db, "bob");
      const admin = await person(db, "root", { isAdmin: true });
      let now = testNow;
      const services = applicationsOn(db, [], () => now);
      for (let i = 0; i < 7; i++) {
        now = new Date(testNow.getTime() + (i % 3) * 1000); // equal timestamps too: the id breaks ties
        await services.applications.create(i % 2 === 0 ? alice.actor : bob.actor, newApplication(`app-${i}`));
      }
      await services.members.add(bob.actor, { applicationId: "app-1", email: alice.email, role: "reader" });

      const collect = async (actor: typeof alice.actor, all: boolean, search: string | null = null) => {
        const ids: string[] = [];
        let after: string | null = null;
        let total: number;
        for (;;) {
          const page = await services.applications.list(
            actor,
            { all, search },
            pageRequest({ first: 2, after }),
          );
          ids.push(...page.items.map((item) => item.node.id));
          total = page.totalCount;
          if (!page.hasNextPage) break;
          after = page.items.at(-1)?.cursor ?? null;
        }
        return { ids, total };
      };
      const mine = await collect(alice.actor, false);
      expect(mine).toEqual({ ids: ["app-2", "app-4", "app-1", "app-6", "app-0"], total: 5 });
      expect((await collect(admin.actor, true)).total).toBe(7);
      expect(await collect(alice.actor, false, "APP-4")).toEqual({ ids: ["app-4"], total: 1 });
      expect(await collect(admin.actor, true, "%")).toEqual({ ids: [], total: 0 });
      expect(await codeOf(services.applications.list(alice.actor, { all: true }, pageRequest({})))).toBe(
        "FORBIDDEN",
      );
      expect(await codeOf(services.applications.list(alice.actor, {}, { first: 2, after: ["x"] }))).toBe(
        "VALIDATION_FAILED",
      );
    });

    it("lists only applications with a subscription in a given status, with the other filters", async () => {
      const { db } = getHandle();
      const admin = await person(db, "root", { isAdmin: true });
      const services = applicationsOn(db);
      for (const id of ["pending-one", "pending-two", "declined-one", "none-yet"]) {
        await services.applications.create(admin.actor, newApplication(id));
      }
      const subscription = (applicationId: string, apiId: string, status: string) => ({
        id: `sub-${applicationId}-${apiId}`,
        application_id: applicationId,
        api_id: apiId,
        plan_id: "premium",
        status,
        status_reason: null,
        status_changed_at: testNow.toISOString(),
        requested_by: admin.id,
        approved_at: null,
        approved_by: null,
        created_at: testNow.toISOString(),
        updated_at: testNow.toISOString(),
      });
      await db
        .insertInto("subscriptions")
        .values([
          subscription("pending-one", "orders", "pending_approval"),
          subscription("pending-one", "payments", "declined"),
          subscription("pending-two", "orders", "pending_approval"),
          subscription("declined-one", "orders", "declined"),
        ])
        .execute();
      const ids = async (query: { subscriptionStatus?: string; search?: string }) => {
        const page = await services.applications.list(admin.actor, { all: true, ...query }, pageRequest({}));
        return { ids: page.items.map((item) => item.node.id).sort(), total: page.totalCount };
      };
      expect(await ids({ subscriptionStatus: "pending_approval" })).toEqual({
        ids: ["pending-one", "pending-two"],
        total: 2,
      });
      expect(await ids({ subscriptionStatus: "declined" })).toEqual({
        ids: ["declined-one", "pending-one"],
        total: 2,
      });
      expect(await ids({ subscriptionStatus: "declined", search: "pending" })).toEqual({
        ids: ["pending-one"],
        total: 1,
      });
      expect(await ids({ subscriptionStatus: "provisioned" })).toEqual({ ids: [], total: 0 });
      const refused = await domainErrorOf(
        services.applications.list(admin.actor, { all: true, subscriptionStatus: "lost" }, pageRequest({})),
      );
      expect(refused.code).toBe("VALIDATION_FAILED");
      expect(refused.details.fields?.[0]?.field).toBe("subscriptionStatus");
    });

    it("shows an application to members, administrators and service accounts; null to others", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const mallory = await person(db, "mallory");
      const admin = await person(db, "root", { isAdmin: true });
      const services = applicationsOn(db);
      await services.applications.create(alice.actor, newApplication("shop"));
      const bridge = {
        kind: "service" as const,
        serviceAccountId: "bridge",
        scope: "read" as const,
        origin: alice.actor.origin,
      };
      expect((await services.applications.find(alice.actor, "shop"))?.id).toBe("shop");
      expect((await services.applications.find(admin.actor, "shop"))?.id).toBe("shop");
      expect((await services.applications.find(bridge, "shop"))?.id).toBe("shop");
      expect(await services.applications.find(mallory.actor, "shop")).toBeNull();
      expect(await services.applications.find(mallory.actor, "none")).toBeNull();
    });

    it("shows approvers the applications the hook allows, and only those", async () => {
      const { db } = getHandle();
      const alice = await person(db, "alice");
      const approver = await person(db, "approver", { isApprover: true });
      const asked: string[][] = [];
      const services = applicationsOn(db, [
        {
          approverMayRead: (_db, actor, ids) => {
            asked.push([actor.userId, ...ids]);
            return Promise.resolve(new Set(ids.filter((id) => id === "subscribed")));
          },
        },
      ]);
      await services.applications.create(alice.actor, newApplication("subscribed"));
      await services.applications.create(alice.actor, newApplication("private"));
      expect((await services.applications.find(approver.actor, "subscribed"))?.id).toBe("subscribed");
      expect(await services.applications.find(approver.actor, "private")).toBeNull();
      expect(await services.applications.find(alice.actor, "private")).not.toBeNull();
      expect(asked).toEqual([
        [approver.id, "subscribed"],
        [approver.id, "private"],
      ]);
      // Reading is all the hook grants: changes stay with owners (FORBIDDEN, since the approver can see it).
      expect(
        await codeOf(services.applications.update(approver.actor, { id: "subscribed", name: "x" })),
      ).toBe("FORBIDDEN");
      expect(await codeOf(services.applications.update(approver.actor, { id: "private", name: "x" }))).toBe(
        "NOT_FOUND",
      );
    });
  });
});
