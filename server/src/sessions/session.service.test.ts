import "reflect-metadata";
import { createHash } from "node:crypto";
import { expect, it } from "vitest";
import { system } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  accountsOn,
  auditRows,
  browserOrigin,
  codeOf,
  domainErrorOf,
  goodPassword,
  hours,
  minutes,
  putInGroups,
  sessionActor,
  signedInUser,
  start,
  visitor,
} from "../users/account.fixtures.js";

describeEachBackend("SessionService", (getHandle: () => DatabaseHandle) => {
  const setup = () => accountsOn(getHandle().db);

  it("signs in with a server-side session stored hashed, valid for the configured TTL", async () => {
    const accounts = setup();
    const { db, services, clock } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    const row = await db
      .selectFrom("sessions")
      .selectAll()
      .where("token_hash", "=", createHash("sha256").update(ada.sessionToken).digest("hex"))
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      user_id: ada.userId,
      created_at: start.toISOString(),
      expires_at: new Date(start.getTime() + hours(12)).toISOString(),
      revoked_at: null,
      client_address: browserOrigin.address,
      user_agent: browserOrigin.userAgent,
    });
    expect(ada.actor).toMatchObject({
      kind: "user",
      userId: ada.userId,
      email: "ada@example.com",
      emailVerified: true,
      groups: ["developers"],
      isAdmin: false,
      isApprover: false,
      via: { kind: "session", sessionId: row.id },
      scope: "write",
    });
    expect((await auditRows(db, "session.signed_in")).at(-1)).toMatchObject({
      actor_kind: "anonymous",
      target_id: ada.userId,
    });

    clock.advance(hours(12) - 1);
    expect(await sessionActor(accounts, ada.sessionToken)).not.toBeNull();
    clock.advance(1);
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    expect(await sessionActor(accounts, "not-a-session")).toBeNull();
    void services;
  });

  it("lets unverified users sign in, as unverified", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com", { verified: false });
    expect(ada.actor).toMatchObject({ emailVerified: false, groups: [], isAdmin: false });
  });

  it("derives admin and approver rights from the groups' flags", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    await putInGroups(accounts.db, ada.userId, ["admins", "approvers", "removed-from-config"]);
    expect(await sessionActor(accounts, ada.sessionToken)).toMatchObject({
      groups: ["admins", "approvers", "developers", "removed-from-config"],
      isAdmin: true,
      isApprover: true,
    });
  });

  it("moves last_seen_at forward at most once a minute", async () => {
    const accounts = setup();
    const { db, clock } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    const lastSeen = async () =>
      (await db.selectFrom("sessions").select("last_seen_at").executeTakeFirstOrThrow()).last_seen_at;
    clock.advance(30_000);
    await sessionActor(accounts, ada.sessionToken);
    expect(await lastSeen()).toBe(start.toISOString());
    clock.advance(30_000);
    await sessionActor(accounts, ada.sessionToken);
    expect(await lastSeen()).toBe(clock.now.toISOString());
  });

  it("answers a wrong password and an unknown address alike", async () => {
    const accounts = setup();
    await signedInUser(accounts, "ada@example.com");
    const wrong = await domainErrorOf(
      accounts.services.sessions.signIn(visitor(), {
        email: "ada@example.com",
        password: "wrong password 1",
      }),
    );
    const unknown = await domainErrorOf(
      accounts.services.sessions.signIn(visitor(), {
        email: "bob@example.com",
        password: "wrong password 1",
      }),
    );
    expect([wrong.code, wrong.message]).toEqual([unknown.code, unknown.message]);
    expect(wrong.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    expect((await auditRows(accounts.db, "session.sign_in_failed")).length).toBe(1);
  });

  it("limits failed sign-ins per account (10 / 15 min), even for the right password, and a success resets it", async () => {
    const accounts = setup();
    const { services, clock } = accounts;
    await signedInUser(accounts, "ada@example.com");
    const attempt = (password: string, address: string) =>
      services.sessions.signIn(visitor(address), { email: "ada@example.com", password });
    for (let i = 0; i < 9; i++) await codeOf(attempt("wrong password 1", `192.0.2.${i}`));
    await attempt(goodPassword, "192.0.2.100"); // resets the account's count
    for (let i = 0; i < 10; i++) {
      expect(await codeOf(attempt("wrong password 1", `192.0.2.${i}`))).toBe(ErrorCode.INVALID_CREDENTIALS);
    }
    clock.advance(minutes(1));
    const limited = await domainErrorOf(attempt(goodPassword, "192.0.2.200"));
    expect(limited.code).toBe(ErrorCode.RATE_LIMITED);
    expect(limited.details.retryAfterSeconds).toBe(14 * 60);
    clock.advance(minutes(14));
    await expect(attempt(goodPassword, "192.0.2.200")).resolves.toMatchObject({
      user: { email: "ada@example.com" },
    });
  });

  it("limits failed sign-ins per client address (50 / 15 min) across accounts", async () => {
    const accounts = setup();
    const { services } = accounts;
    await signedInUser(accounts, "ada@example.com");
    for (let i = 0; i < 50; i++) {
      await codeOf(
        services.sessions.signIn(visitor("192.0.2.66"), { email: `user${i}@example.com`, password: "x" }),
      );
    }
    expect(
      await codeOf(
        services.sessions.signIn(visitor("192.0.2.66"), { email: "ada@example.com", password: goodPassword }),
      ),
    ).toBe(ErrorCode.RATE_LIMITED);
    await expect(
      services.sessions.signIn(visitor("192.0.2.67"), { email: "ada@example.com", password: goodPassword }),
    ).resolves.toBeDefined();
  });

  it("ends the current session on sign out", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    expect(await accounts.services.sessions.signOut(ada.actor)).toBe(true);
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    expect(await accounts.services.sessions.signOut(ada.actor)).toBe(false);
    expect(await accounts.services.sessions.signOut(visitor())).toBe(false);
    expect((await auditRows(accounts.db, "session.signed_out")).length).toBe(1);
  });

  it("ends every session of the user on sign out everywhere, and no one else's", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    const laptop = await accounts.services.sessions.signIn(visitor(), {
      email: "ada@example.com",
      password: goodPassword,
    });
    const bob = await signedInUser(accounts, "bob@example.com");
    expect(await accounts.services.sessions.signOutEverywhere(ada.actor)).toBe(2);
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    expect(await sessionActor(accounts, laptop.token)).toBeNull();
    expect(await sessionActor(accounts, bob.sessionToken)).not.toBeNull();
    expect(await codeOf(accounts.services.sessions.signOutEverywhere(visitor()))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
  });

  it("stops a disabled user's sessions at once and refuses their sign-in", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    await accounts.services.admin.disable(system("test"), { userId: ada.userId });
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    expect(
      await codeOf(
        accounts.services.sessions.signIn(visitor(), { email: "ada@example.com", password: goodPassword }),
      ),
    ).toBe(ErrorCode.ACCOUNT_DISABLED);
    expect(
      await codeOf(
        accounts.services.sessions.signIn(visitor(), { email: "ada@example.com", password: "wrong one 1" }),
      ),
    ).toBe(ErrorCode.INVALID_CREDENTIALS);
  });
});
