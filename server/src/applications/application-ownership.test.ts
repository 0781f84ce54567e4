import "reflect-metadata";
import { expect, it } from "vitest";
import { createPortalServices } from "../app/portal-services.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { loadRuntimeConfig } from "../runtime-config/runtime-config.js";
import { describeEachBackend } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import {
  accountTestConfig,
  codeOf,
  domainErrorOf,
  putInGroups,
  signedInUser,
  TestClock,
} from "../users/account.fixtures.js";
import { databaseApplicationOwnership } from "./application-ownership.js";
import { newApplication, person } from "./application.fixtures.js";

describeEachBackend("application ownership", (getHandle: () => DatabaseHandle) => {
  it("knows who is the last owner of some application", async () => {
    const { db } = getHandle();
    const ownership = databaseApplicationOwnership(db);
    const { applications, members } = createPortalServices({
      db,
      config: accountTestConfig(),
      runtime: loadRuntimeConfig({}, process.cwd()),
      logger: testLogger(),
      clock: () => new Date(),
    }).applications;
    const alice = await person(db, "alice");
    const bob = await person(db, "bob");
    expect(await ownership.isLastOwnerOfAnyApplication(alice.id)).toBe(false);
    await applications.create(alice.actor, newApplication("app-one"));
    await applications.create(alice.actor, newApplication("app-two"));
    expect(await ownership.isLastOwnerOfAnyApplication(alice.id)).toBe(true);
    await members.add(alice.actor, { applicationId: "app-one", email: bob.email, role: "owner" });
    expect(await ownership.isLastOwnerOfAnyApplication(alice.id)).toBe(true); // still the only owner of "app-two"
    expect(await ownership.isLastOwnerOfAnyApplication(bob.id)).toBe(false);
    await members.add(alice.actor, { applicationId: "app-two", email: bob.email, role: "collaborator" });
    expect(await ownership.isLastOwnerOfAnyApplication(bob.id)).toBe(false); // collaborators own nothing
    await members.changeRole(alice.actor, { applicationId: "app-two", userId: bob.id, role: "owner" });
    expect(await ownership.isLastOwnerOfAnyApplication(alice.id)).toBe(false);
    expect(await ownership.isLastOwnerOfAnyApplication(bob.id)).toBe(false);
  });

  it("makes the account services refuse deleting the last owner's account with LAST_OWNER (wired in createPortalServices)", async () => {
    const { db } = getHandle();
    const config = accountTestConfig();
    const clock = new TestClock();
    const services = createPortalServices({
      db,
      config,
      runtime: loadRuntimeConfig({}, process.cwd()),
      logger: testLogger(),
      clock: clock.read,
    });
    const accounts = { db, config, clock, services: services.accounts };
    const owner = await signedInUser(accounts, "owner@example.com");
    const other = await signedInUser(accounts, "other@example.com");
    const admin = await signedInUser(accounts, "admin@example.com");
    await putInGroups(db, admin.userId, ["admins"]);
    const adminActor = { ...admin.actor, isAdmin: true, groups: ["admins", "developers"] };

    await services.applications.applications.create(owner.actor, newApplication("owned"));
    await services.applications.members.add(owner.actor, {
      applicationId: "owned",
      email: other.email,
      role: "collaborator",
    });

    const own = await domainErrorOf(
      services.accounts.account.deleteAccount(owner.actor, { password: owner.password }),
    );
    expect(own.code).toBe("LAST_OWNER");
    expect(own.message).toMatch(/last owner of an application/);
    expect(await codeOf(services.accounts.admin.delete(adminActor, { userId: owner.userId }))).toBe(
      "LAST_OWNER",
    );
    expect(await db.selectFrom("users").select("id").where("id", "=", owner.userId).execute()).toHaveLength(
      1,
    );

    // A collaborator may delete their account; their membership goes with it.
    await services.accounts.account.deleteAccount(other.actor, { password: other.password });
    expect(
      await db
        .selectFrom("application_members")
        .select("user_id")
        .where("application_id", "=", "owned")
        .execute(),
    ).toEqual([{ user_id: owner.userId }]);

    // Once the application is gone, so is the refusal.
    await services.applications.applications.delete(owner.actor, { id: "owned" });
    await services.accounts.account.deleteAccount(owner.actor, { password: owner.password });
    expect(await db.selectFrom("users").select("id").where("id", "=", owner.userId).execute()).toEqual([]);
  });
});
