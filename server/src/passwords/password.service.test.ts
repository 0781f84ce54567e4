import "reflect-metadata";
import { describe, expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  accountsOn,
  auditRows,
  codeOf,
  domainErrorOf,
  failingInsertsInto,
  goodPassword,
  hours,
  latestLinkToken,
  outboxEvents,
  sessionActor,
  signedInUser,
  start,
  visitor,
} from "../users/account.fixtures.js";
import { passwordPolicyViolations } from "./password-policy.js";

describe("password policy", () => {
  const policy = {
    minLength: 8,
    maxLength: 12,
    requireUpper: true,
    requireLower: true,
    requireDigit: true,
    requireSpecial: true,
  };
  const codes = (password: string) =>
    passwordPolicyViolations(policy, password, "password").map((v) => v.code);

  it("names every broken rule", () => {
    expect(codes("abc")).toEqual(["TOO_SHORT", "NEEDS_UPPER", "NEEDS_DIGIT", "NEEDS_SPECIAL"]);
    expect(codes("ABCDEFGHIJKLM")).toEqual(["TOO_LONG", "NEEDS_LOWER", "NEEDS_DIGIT", "NEEDS_SPECIAL"]);
    expect(codes("Abcdef1!")).toEqual([]);
  });

  it("counts characters, not bytes, and knows non-ASCII letters", () => {
    expect(codes("Ärger1!ß")).toEqual([]);
    expect(codes("😀😀😀😀😀😀a1A")).toEqual([]);
  });
});

describeEachBackend("PasswordService", (getHandle: () => DatabaseHandle) => {
  const setup = () => accountsOn(getHandle().db);

  it("answers a reset request the same whether or not the address has an account", async () => {
    const accounts = setup();
    await signedInUser(accounts, "ada@example.com");
    const before = await outboxEvents(accounts.db);
    await expect(
      accounts.services.passwords.requestReset(visitor(), { email: "nobody@example.com" }),
    ).resolves.toBe(undefined);
    expect(await outboxEvents(accounts.db)).toEqual(before);
    await expect(
      accounts.services.passwords.requestReset(visitor(), { email: "ADA@example.com" }),
    ).resolves.toBe(undefined);
    const [event] = await outboxEvents(accounts.db, "user.password_reset_requested");
    expect(event?.payload).toMatchObject({
      email: "ada@example.com",
      displayName: "ada",
      expiresAt: new Date(start.getTime() + hours(1)).toISOString(),
    });
    expect(String(event?.payload.link)).toMatch(
      /^https:\/\/portal\.test\.example\/reset-password\?token=[\w-]{43}$/,
    );
    expect((await auditRows(accounts.db, "user.password_reset_requested")).length).toBe(1);
  });

  it("resets the password once with the link and ends every session", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    await services.passwords.requestReset(visitor(), { email: "ada@example.com" });
    const token = await latestLinkToken(db, "user.password_reset_requested", "ada@example.com");
    await services.passwords.reset(visitor(), { token, newPassword: "brand new pass 7" });
    expect(await sessionActor(accounts, ada.sessionToken)).toBeNull();
    expect(
      await codeOf(services.sessions.signIn(visitor(), { email: ada.email, password: goodPassword })),
    ).toBe(ErrorCode.INVALID_CREDENTIALS);
    await expect(
      services.sessions.signIn(visitor(), { email: ada.email, password: "brand new pass 7" }),
    ).resolves.toBeDefined();
    expect(await codeOf(services.passwords.reset(visitor(), { token, newPassword: "another pass 8" }))).toBe(
      ErrorCode.TOKEN_INVALID,
    );
    const [event] = await outboxEvents(db, "user.password_reset");
    expect(event?.payload).toEqual({ userId: ada.userId, email: "ada@example.com" });
    expect((await auditRows(db, "user.password_reset"))[0]?.summary).toEqual({ endedSessions: 1 });
  });

  it("lets reset links expire after one hour, and only the newest link works", async () => {
    const accounts = setup();
    const { services, db, clock } = accounts;
    await signedInUser(accounts, "ada@example.com");
    await services.passwords.requestReset(visitor(), { email: "ada@example.com" });
    const first = await latestLinkToken(db, "user.password_reset_requested", "ada@example.com");
    await services.passwords.requestReset(visitor(), { email: "ada@example.com" });
    const second = await latestLinkToken(db, "user.password_reset_requested", "ada@example.com");
    expect(
      await codeOf(services.passwords.reset(visitor(), { token: first, newPassword: "brand new pass 7" })),
    ).toBe(ErrorCode.TOKEN_INVALID);
    clock.advance(hours(1));
    expect(
      await codeOf(services.passwords.reset(visitor(), { token: second, newPassword: "brand new pass 7" })),
    ).toBe(ErrorCode.TOKEN_EXPIRED);
  });

  it("checks the new password against the policy before using up the link", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    await signedInUser(accounts, "ada@example.com");
    await services.passwords.requestReset(visitor(), { email: "ada@example.com" });
    const token = await latestLinkToken(db, "user.password_reset_requested", "ada@example.com");
    const error = await domainErrorOf(
      services.passwords.reset(visitor(), { token, newPassword: "nodigits-here" }),
    );
    expect(error.code).toBe(ErrorCode.PASSWORD_POLICY);
    expect(error.details.fields?.[0]?.field).toBe("newPassword");
    await expect(
      services.passwords.reset(visitor(), { token, newPassword: "digits 1234 ok" }),
    ).resolves.toEqual({
      endedSessions: 1,
    });
  });

  it("leaves password, sessions and link untouched when the reset fails half-way", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    await services.passwords.requestReset(visitor(), { email: "ada@example.com" });
    const token = await latestLinkToken(db, "user.password_reset_requested", "ada@example.com");
    const broken = accountsOn(db.withPlugin(failingInsertsInto("audit_log")));
    await expect(
      broken.services.passwords.reset(visitor(), { token, newPassword: "brand new pass 7" }),
    ).rejects.toThrow();
    expect(await sessionActor(accounts, ada.sessionToken)).not.toBeNull();
    await expect(
      services.sessions.signIn(visitor(), { email: ada.email, password: goodPassword }),
    ).resolves.toBeDefined();
    expect(await outboxEvents(db, "user.password_reset")).toEqual([]);
    await expect(
      services.passwords.reset(visitor(), { token, newPassword: "brand new pass 7" }),
    ).resolves.toEqual({ endedSessions: 2 }); // the session of the set-up and the sign-in just above
  });

  it("limits reset requests per account, also for addresses without one", async () => {
    const accounts = setup();
    const request = (address: string) =>
      accounts.services.passwords.requestReset(visitor(address), { email: "nobody@example.com" });
    for (let i = 0; i < 5; i++) await request(`198.51.100.${i}`);
    expect(await codeOf(request("198.51.100.50"))).toBe(ErrorCode.RATE_LIMITED);
  });

  it("changes the password with the current one and ends the other sessions only", async () => {
    const accounts = setup();
    const { services, db } = accounts;
    const ada = await signedInUser(accounts, "ada@example.com");
    const phone = await services.sessions.signIn(visitor(), { email: ada.email, password: goodPassword });
    const wrong = await domainErrorOf(
      services.passwords.change(ada.actor, {
        currentPassword: "not it 123",
        newPassword: "brand new pass 7",
      }),
    );
    expect(wrong.code).toBe(ErrorCode.INVALID_CREDENTIALS);
    expect(wrong.details.fields?.[0]?.field).toBe("currentPassword");
    await services.passwords.change(ada.actor, {
      currentPassword: goodPassword,
      newPassword: "brand new pass 7",
    });
    expect(await sessionActor(accounts, ada.sessionToken)).not.toBeNull();
    expect(await sessionActor(accounts, phone.token)).toBeNull();
    await expect(
      services.sessions.signIn(visitor(), { email: ada.email, password: "brand new pass 7" }),
    ).resolves.toBeDefined();
    expect((await outboxEvents(db, "user.password_changed")).length).toBe(1);
    expect((await auditRows(db, "user.password_changed"))[0]?.summary).toEqual({ endedSessions: 1 });
  });

  it("refuses changing the password with an access token or without signing in", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    const viaToken = { ...ada.actor, via: { kind: "token" as const, tokenId: "pat-1" } };
    const input = { currentPassword: goodPassword, newPassword: "brand new pass 7" };
    expect(await codeOf(accounts.services.passwords.change(viaToken, input))).toBe(ErrorCode.FORBIDDEN);
    expect(await codeOf(accounts.services.passwords.change({ ...viaToken, scope: "read" }, input))).toBe(
      ErrorCode.INSUFFICIENT_SCOPE,
    );
    expect(await codeOf(accounts.services.passwords.change(visitor(), input))).toBe(
      ErrorCode.UNAUTHENTICATED,
    );
  });

  it("counts wrong current passwords like failed sign-ins", async () => {
    const accounts = setup();
    const ada = await signedInUser(accounts, "ada@example.com");
    for (let i = 0; i < 10; i++) {
      await codeOf(
        accounts.services.passwords.change(ada.actor, {
          currentPassword: "nope 1",
          newPassword: "brand new pass 7",
        }),
      );
    }
    expect(
      await codeOf(
        accounts.services.passwords.change(ada.actor, {
          currentPassword: goodPassword,
          newPassword: "brand new pass 7",
        }),
      ),
    ).toBe(ErrorCode.RATE_LIMITED);
  });
});
