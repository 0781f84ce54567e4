import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { describeEachBackend } from "../testing/backends.js";
import { codeOf, domainErrorOf, failingInsertsInto } from "../users/account.fixtures.js";
import {
  applicationsOn,
  auditOf,
  eventsOf,
  newApplication,
  person,
  testNow,
} from "./application.fixtures.js";

describeEachBackend("application members", (getHandle: () => DatabaseHandle) => {
  async function shopWithOwner() {
    const { db } = getHandle();
    const alice = await person(db, "alice");
    const services = applicationsOn(db);
    await services.applications.create(alice.actor, newApplication("shop"));
    return { db, alice, services };
  }

  describe("add", () => {
    it("adds an existing verified user by e-mail address (any case) with the role, with audit and event", async () => {
      const { db, alice, services } = await shopWithOwner();
      const bob = await person(db, "bob");
      const member = await services.members.add(alice.actor, {
        applicationId: "shop",
        email: "  BOB@Example.com ",
        role: "collaborator",
      });
      expect(member).toEqual({
        applicationId: "shop",
        user: { id: bob.id, email: bob.email, displayName: "Bob" },
        role: "collaborator",
        addedAt: testNow.toISOString(),
      });
      expect((await eventsOf(db)).at(-1)).toEqual({
        name: "application.member_added",
        subject: { applicationId: "shop", userId: bob.id },
        payload: {
          applicationId: "shop",
          applicationName: "App shop",
          userId: bob.id,
          email: bob.email,
          role: "collaborator",
        },
      });
      expect((await auditOf(db)).at(-1)).toMatchObject({
        action: "application.member_added",
        target_id: "shop",
        summary: { userId: bob.id, email: bob.email, role: "collaborator" },
      });
      const [members] = await services.members.membersOf(alice.actor, ["shop"]);
      expect(members instanceof Error ? members : members?.map((m) => `${m.user.id}:${m.role}`)).toEqual([
        `${alice.id}:owner`,
        `${bob.id}:collaborator`,
      ]);
    });

    it("answers NOT_FOUND with a clear message for unknown, unverified and disabled addresses", async () => {
      const { db, alice, services } = await shopWithOwner();
      await person(db, "pending", { verified: false });
      await person(db, "gone", { disabled: true });
      for (const email of ["nobody@example.com", "pending@example.com", "gone@example.com"]) {
        const error = await domainErrorOf(
          services.members.add(alice.actor, { applicationId: "shop", email, role: "reader" }),
        );
        expect(error.code, email).toBe("NOT_FOUND");
        expect(error.message).toBe(
          `No active account with a verified address uses "${email}"; ask them to sign up and verify their address first`,
        );
        expect(error.details.fields).toEqual([
          expect.objectContaining({ field: "email", code: "UNKNOWN_USER" }),
        ]);
      }
      expect((await eventsOf(db)).map((e) => e.name)).toEqual(["application.created"]);
    });

    it("refuses a member with CONFLICT", async () => {
      const { db, alice, services } = await shopWithOwner();
      await person(db, "bob");
      await services.members.add(alice.actor, {
        applicationId: "shop",
        email: "bob@example.com",
        role: "reader",
      });
      expect(
        await codeOf(
          services.members.add(alice.actor, {
            applicationId: "shop",
            email: "bob@example.com",
            role: "owner",
          }),
        ),
      ).toBe("CONFLICT");
      expect(
        await codeOf(
          services.members.add(alice.actor, { applicationId: "shop", email: alice.email, role: "reader" }),
        ),
      ).toBe("CONFLICT");
    });

    it("validates the role and the address", async () => {
      const { alice, services } = await shopWithOwner();
      const error = await domainErrorOf(
        services.members.add(alice.actor, { applicationId: "shop", email: " ", role: "boss" }),
      );
      expect(error.details.fields?.map((f) => f.field)).toEqual(["email", "role"]);
    });
  });

  describe("roles and the last owner", () => {
    it("changes roles with audit and event; a role change to the same role changes nothing", async () => {
      const { db, alice, services } = await shopWithOwner();
      const bob = await person(db, "bob");
      await services.members.add(alice.actor, { applicationId: "shop", email: bob.email, role: "reader" });
      const changed = await services.members.changeRole(alice.actor, {
        applicationId: "shop",
        userId: bob.id,
        role: "owner",
      });
      expect(changed.role).toBe("owner");
      expect((await eventsOf(db)).at(-1)).toEqual({
        name: "application.member_role_changed",
        subject: { applicationId: "shop", userId: bob.id },
        payload: { applicationId: "shop", userId: bob.id, role: "owner", previousRole: "reader" },
      });
      expect((await auditOf(db)).at(-1)?.summary).toMatchObject({ role: "owner", previousRole: "reader" });
      await services.members.changeRole(alice.actor, {
        applicationId: "shop",
        userId: bob.id,
        role: "owner",
      });
      expect((await eventsOf(db)).filter((e) => e.name === "application.member_role_changed")).toHaveLength(
        1,
      );
    });

    it("never demotes or removes the last owner (LAST_OWNER), also not when the owner leaves", async () => {
      const { db, alice, services } = await shopWithOwner();
      const admin = await person(db, "root", { isAdmin: true });
      for (const actor of [alice.actor, admin.actor]) {
        expect(
          await codeOf(
            services.members.changeRole(actor, {
              applicationId: "shop",
              userId: alice.id,
              role: "collaborator",
            }),
          ),
        ).toBe("LAST_OWNER");
        expect(
          await codeOf(services.members.remove(actor, { applicationId: "shop", userId: alice.id })),
        ).toBe("LAST_OWNER");
      }
      expect((await services.members.membersOf(alice.actor, ["shop"]))[0]).toEqual([
        expect.objectContaining({ role: "owner" }),
      ]);
    });

    it("lets an owner step down or leave once there is another owner", async () => {
      const { db, alice, services } = await shopWithOwner();
      const bob = await person(db, "bob");
      await services.members.add(alice.actor, { applicationId: "shop", email: bob.email, role: "owner" });
      await services.members.changeRole(alice.actor, {
        applicationId: "shop",
        userId: alice.id,
        role: "reader",
      });
      // Now bob is the last owner.
      expect(
        await codeOf(services.members.remove(bob.actor, { applicationId: "shop", userId: bob.id })),
      ).toBe("LAST_OWNER");
      await services.members.remove(alice.actor, { applicationId: "shop", userId: alice.id });
      expect((await eventsOf(db)).at(-1)).toEqual({
        name: "application.member_removed",
        subject: { applicationId: "shop", userId: alice.id },
        payload: { applicationId: "shop", userId: alice.id, role: "reader", leftThemselves: true },
      });
      expect(await services.applications.find(alice.actor, "shop")).toBeNull();
    });

    it("keeps one owner when two owners demote each other at the same time", async () => {
      const { db, alice, services } = await shopWithOwner();
      const bob = await person(db, "bob");
      await services.members.add(alice.actor, { applicationId: "shop", email: bob.email, role: "owner" });
      const results = await Promise.allSettled([
        services.members.changeRole(alice.actor, { applicationId: "shop", userId: bob.id, role: "reader" }),
        services.members.changeRole(bob.actor, { applicationId: "shop", userId: alice.id, role: "reader" }),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const owners = await db
        .selectFrom("application_members")
        .select("user_id")
        .where("application_id", "=", "shop")
        .where("role", "=", "owner")
        .execute();
      expect(owners).toHaveLength(1);
    });

    it("lets owners remove others, members leave, and refuses unknown members with NOT_FOUND", async () => {
      const { db, alice, services } = await shopWithOwner();
      const bob = await person(db, "bob");
      const carol = await person(db, "carol");
      await services.members.add(alice.actor, {
        applicationId: "shop",
        email: bob.email,
        role: "collaborator",
      });
      await services.members.add(alice.actor, { applicationId: "shop", email: carol.email, role: "reader" });
      expect(
        await codeOf(services.members.remove(bob.actor, { applicationId: "shop", userId: carol.id })),
      ).toBe("FORBIDDEN");
      await services.members.remove(carol.actor, { applicationId: "shop", userId: carol.id });
      await services.members.remove(alice.actor, { applicationId: "shop", userId: bob.id });
      expect(
        (await eventsOf(db))
          .filter((e) => e.name === "application.member_removed")
          .map((e) => e.payload.leftThemselves),
      ).toEqual([true, false]);
      expect(
        await codeOf(services.members.remove(alice.actor, { applicationId: "shop", userId: bob.id })),
      ).toBe("NOT_FOUND");
      expect(
        await codeOf(
          services.members.changeRole(alice.actor, {
            applicationId: "shop",
            userId: "usr_none",
            role: "reader",
          }),
        ),
      ).toBe("NOT_FOUND");
    });

    it("writes nothing when the audit entry cannot be written", async () => {
      const { db, alice } = await shopWithOwner();
      const bob = await person(db, "bob");
      const failing = applicationsOn(db.withPlugin(failingInsertsInto("audit_log")));
      await expect(
        failing.members.add(alice.actor, { applicationId: "shop", email: bob.email, role: "reader" }),
      ).rejects.toThrow(/inserts into audit_log fail/);
      expect(await db.selectFrom("application_members").select("user_id").execute()).toEqual([
        { user_id: alice.id },
      ]);
      expect((await eventsOf(db)).map((e) => e.name)).toEqual(["application.created"]);
    });
  });

  describe("members of many applications", () => {
    it("answers in the order asked, with NOT_FOUND in place of applications the caller may not read", async () => {
      const { db, alice, services } = await shopWithOwner();
      const bob = await person(db, "bob");
      await services.applications.create(bob.actor, newApplication("bobs"));
      const answers = await services.members.membersOf(alice.actor, ["bobs", "shop", "none", "shop"]);
      expect(answers.map((a) => (a instanceof Error ? a.message : a.map((m) => m.user.id)))).toEqual([
        'Application "bobs" was not found',
        [alice.id],
        'Application "none" was not found',
        [alice.id],
      ]);
    });
  });
});
