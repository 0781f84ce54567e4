import "reflect-metadata";
import { expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  accountsOn,
  auditRows,
  codeOf,
  domainErrorOf,
  goodPassword,
  hours,
  latestLinkToken,
  outboxEvents,
  putInGroups,
  sessionActor,
  signedInUser,
  visitor,
} from "./account.fixtures.js";

describeEachBackend("AccountService", (getHandle: () => DatabaseHandle) => {
  const setup = () => accountsOn(getHandle().db);

  it("shows the viewer their own account, and nobody else anything", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    expect(await accounts.services.account.viewer(ada.actor)).toMatchObject({
      id: ada.userId,
      email: ada.email,
    });
    expect(await accounts.services.account.viewer(visitor())).toBeNull();
  });

  it("updates display name and profile fields, recording only what changed", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    const updated = await services.account.updateProfile(ada.actor, {
      displayName: "Ada King",
      profile: [
        { field: "phone", value: "+44 20 7946 0000" },
        { field: "company", value: "ACME" },
      ],
    });
    expect(updated).toMatchObject({
      displayName: "Ada King",
      profile: { company: "ACME", phone: "+44 20 7946 0000" },
    });
    const [event] = await outboxEvents(db, "user.updated");
    expect(event?.payload).toEqual({
      userId: ada.userId,
      email: ada.email,
      changedFields: ["displayName", "profile.phone"],
    });
    expect((await auditRows(db, "user.updated"))[0]?.summary).toEqual({
      changedFields: ["displayName", "profile.phone"],
    });

    await services.account.updateProfile(ada.actor, { profile: [{ field: "phone", value: "" }] });
    expect((await services.account.viewer(ada.actor))?.profile).toEqual({ company: "ACME" });

    const before = (await outboxEvents(db)).length;
    await services.account.updateProfile(ada.actor, { displayName: "Ada King" });
    expect((await outboxEvents(db)).length).toBe(before);
  });

  it("refuses clearing a required profile field or unknown fields", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    const error = await domainErrorOf(
      accounts.services.account.updateProfile(ada.actor, {
        profile: [
          { field: "company", value: " " },
          { field: "company", value: "x" },
          { field: "age", value: "3" },
        ],
      }),
    );
    expect(error.details.fields?.map((f) => [f.field, f.code])).toEqual([
      ["profile.company", "REQUIRED"],
      ["profile.company", "DUPLICATE"],
      ["profile.age", "UNKNOWN_FIELD"],
    ]);
    expect(await codeOf(accounts.services.account.updateProfile(visitor(), { displayName: "x" }))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
  });

  it("changes the e-mail address only when the link sent to the new address is followed", async () => {
    const accounts = setup();
    const { services, db, clock } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    await services.account.requestEmailChange(ada.actor, {
      newEmail: "Ada@New.example",
      currentPassword: goodPassword,
    });
    const [requested] = await outboxEvents(db, "user.email_change_requested");
    expect(requested?.payload).toMatchObject({
      userId: ada.userId,
      email: "ada@example.com",
      newEmail: "ada@new.example",
      expiresAt: new Date(clock.now.getTime() + hours(24)).toISOString(),
    });
    expect(String(requested?.payload.link)).toMatch(
      /^https:\/\/portal\.test\.example\/confirm-email\?token=/,
    );
    expect((await services.account.viewer(ada.actor))?.email).toBe("ada@example.com");

    const token = await latestLinkToken(db, "user.email_change_requested", "ada@new.example");
    const changed = await services.account.confirmEmailChange(visitor(), { token });
    expect(changed.email).toBe("ada@new.example");
    expect((await outboxEvents(db, "user.email_changed"))[0]?.payload).toEqual({
      userId: ada.userId,
      email: "ada@new.example",
      previousEmail: "ada@example.com",
    });
    expect(await codeOf(services.account.confirmEmailChange(visitor(), { token }))).toBe(
      ErrorCode.TOKEN_INVALID,
    );
    await expect(
      services.sessions.signIn(visitor(), { email: "ada@new.example", password: goodPassword }),
    ).resolves.toBeDefined();
  });

  it("verifies an unverified user who confirms a new address, as verification would", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    const ada = await signedInUser(accounts, "ada@exmaple.com", { verified: false });
    await services.account.requestEmailChange(ada.actor, {
      newEmail: "ada@example.com",
      currentPassword: goodPassword,
    });
    const token = await latestLinkToken(db, "user.email_change_requested", "ada@example.com");
    await services.account.confirmEmailChange(visitor(), { token });
    expect(await sessionActor(accounts, ada.sessionToken)).toMatchObject({
      email: "ada@example.com",
      emailVerified: true,
      groups: ["developers"],
    });
    expect((await outboxEvents(db, "user.verified")).length).toBe(1);
  });

  it("refuses an e-mail change without the right password, to a taken address, or to the same address", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    await signedInUser(accounts, "bob@example.com");
    const change = (newEmail: string, currentPassword = goodPassword) =>
      codeOf(accounts.services.account.requestEmailChange(ada.actor, { newEmail, currentPassword }));
    expect(await change("ada@new.example", "wrong pass 1")).toBe(ErrorCode.INVALID_CREDENTIALS);
    expect(await change("BOB@example.com")).toBe(ErrorCode.CONFLICT);
    expect(await change("ada@example.com")).toBe(ErrorCode.VALIDATION_FAILED);
    expect(await change("not an address")).toBe(ErrorCode.VALIDATION_FAILED);
  });

  it("refuses the confirmation when someone took the address in the meantime", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    await accounts.services.account.requestEmailChange(ada.actor, {
      newEmail: "shared@example.com",
      currentPassword: goodPassword,
    });
    const token = await latestLinkToken(accounts.db, "user.email_change_requested", "shared@example.com");
    await signedInUser(accounts, "shared@example.com");
    expect(await codeOf(accounts.services.account.confirmEmailChange(visitor(), { token }))).toBe(
      ErrorCode.CONFLICT,
    );
  });

  it("deletes the own account with the password, with everything hanging on it", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    expect(await codeOf(services.account.deleteAccount(ada.actor, { password: "wrong pass 1" }))).toBe(
      ErrorCode.INVALID_CREDENTIALS,
    );
    await services.account.deleteAccount(ada.actor, { password: goodPassword });
    expect(await db.selectFrom("users").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("user_groups").selectAll().execute()).toEqual([]);
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    expect((await outboxEvents(db, "user.deleted"))[0]?.payload).toEqual({
      userId: ada.userId,
      email: ada.email,
    });
    expect((await auditRows(db, "user.deleted"))[0]).toMatchObject({
      actor_id: ada.userId,
      target_id: ada.userId,
    });
  });

  it("refuses deleting the account of the last owner of an application with LAST_OWNER", async () => {
    const db = getHandle().db;
    const owners = new Set<string>();
    const accounts = accountsOn(db, {
      applicationOwnership: { isLastOwnerOfAnyApplication: (userId) => Promise.resolve(owners.has(userId)) },
    });
    const ada = await signedInUser(accounts, "ada@example.com");
    owners.add(ada.userId);
    const error = await domainErrorOf(
      accounts.services.account.deleteAccount(ada.actor, { password: goodPassword }),
    );
    expect(error.code).toBe(ErrorCode.LAST_OWNER);
    expect(error.message).toMatch(/last owner of an application/);
    expect((await db.selectFrom("users").selectAll().execute()).length).toBe(1);
  });

  it("refuses deleting the last enabled administrator", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    await putInGroups(accounts.db, ada.userId, ["admins"]);
    const admin = (await sessionActor(accounts, ada.sessionToken))!;
    expect(await codeOf(accounts.services.account.deleteAccount(admin, { password: goodPassword }))).toBe(
      ErrorCode.CONFLICT,
    );
    const bob = await signedInUser(accounts, "bob@example.com");
    await putInGroups(accounts.db, bob.userId, ["admins"]);
    await expect(accounts.services.account.deleteAccount(admin, { password: goodPassword })).resolves.toEqual(
      {
        deletedUserId: ada.userId,
      },
    );
  });

  it("needs a browser session for credential changes", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    const viaToken = { ...ada.actor, via: { kind: "token" as const, tokenId: "pat-1" } };
    expect(await codeOf(accounts.services.account.deleteAccount(viaToken, { password: goodPassword }))).toBe(
      ErrorCode.FORBIDDEN,
    );
    expect(
      await codeOf(
        accounts.services.account.requestEmailChange(viaToken, {
          newEmail: "x@example.com",
          currentPassword: goodPassword,
        }),
      ),
    ).toBe(ErrorCode.FORBIDDEN);
    await expect(
      accounts.services.account.updateProfile(viaToken, { displayName: "Via Token" }),
    ).resolves.toMatchObject({
      displayName: "Via Token",
    });
  });
});
