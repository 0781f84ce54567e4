import "reflect-metadata";
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { anonymous } from "../actor/actor.js";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { createArgon2idHasher } from "../passwords/password-hasher.js";
import { describeEachBackend } from "../testing/backends.js";
import {
  accountsOn,
  auditRows,
  browserOrigin,
  codeOf,
  domainErrorOf,
  failingInsertsInto,
  goodPassword,
  hours,
  latestLinkToken,
  minutes,
  outboxEvents,
  signedInUser,
  start,
  visitor,
} from "./account.fixtures.js";

const signUpInput = (email: string, extra: Record<string, unknown> = {}) => ({
  email,
  password: goodPassword,
  displayName: "Ada Lovelace",
  profile: [{ field: "company", value: "  Analytical Engines  " }],
  ...extra,
});

describe("argon2id hashing", () => {
  it("uses argon2id with OWASP parameters and verifies only the right password", async () => {
    const hasher = createArgon2idHasher();
    const hash = await hasher.hash("s3cret password");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await hasher.verify(hash, "s3cret password")).toBe(true);
    expect(await hasher.verify(hash, "s3cret passwor")).toBe(false);
    expect(await hasher.verify("not a hash", "s3cret password")).toBe(false);
  });
});

describeEachBackend("RegistrationService", (getHandle: () => DatabaseHandle) => {
  const setup = () => accountsOn(getHandle().db);

  it("signs up an unverified user and sends a single-use verification link through the outbox", async () => {
    const { db, services } = setup();
    const user = await services.registration.signUp(visitor(), signUpInput("  Ada@Example.COM "));
    expect(user).toMatchObject({
      email: "ada@example.com",
      displayName: "Ada Lovelace",
      emailVerifiedAt: null,
      profile: { company: "Analytical Engines" },
      disabledAt: null,
      createdAt: start.toISOString(),
    });
    const row = await db.selectFrom("users").selectAll().executeTakeFirstOrThrow();
    expect(row.email).toBe("ada@example.com");
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(await db.selectFrom("user_groups").selectAll().execute()).toEqual([]);

    const events = await outboxEvents(db);
    expect(events.map((e) => e.name)).toEqual(["user.created", "user.verification_requested"]);
    expect(events[0]?.payload).toEqual({
      userId: user.id,
      email: "ada@example.com",
      displayName: "Ada Lovelace",
      groups: [],
      verified: false,
    });
    const link = new URL(String(events[1]?.payload.link));
    expect(`${link.origin}${link.pathname}`).toBe("https://portal.test.example/verify-email");
    const token = link.searchParams.get("token") ?? "";
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(events[1]?.payload.expiresAt).toBe(new Date(start.getTime() + hours(24)).toISOString());
    expect(events[1]?.actor).toEqual({ kind: "anonymous", id: null });

    const stored = await db.selectFrom("verification_tokens").selectAll().executeTakeFirstOrThrow();
    expect(stored.token_hash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(stored).toMatchObject({ kind: "email_verification", email: "ada@example.com", consumed_at: null });

    const audit = await auditRows(db);
    expect(audit.map((a) => a.action).sort()).toEqual(["user.created", "user.verification_requested"]);
    expect(audit.find((a) => a.action === "user.created")).toMatchObject({
      actor_kind: "anonymous",
      target_id: user.id,
      client_address: "203.0.113.10",
    });
    expect(JSON.stringify(audit)).not.toContain(goodPassword);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("refuses passwords that break the policy, naming every broken rule, and writes nothing", async () => {
    const { db, services } = setup();
    const error = await domainErrorOf(
      services.registration.signUp(visitor(), signUpInput("ada@example.com", { password: "short" })),
    );
    expect(error.code).toBe(ErrorCode.PASSWORD_POLICY);
    expect(error.details.fields?.map((f) => [f.field, f.code])).toEqual([
      ["password", "TOO_SHORT"],
      ["password", "NEEDS_DIGIT"],
    ]);
    expect(await db.selectFrom("users").selectAll().execute()).toEqual([]);
    expect(await outboxEvents(db)).toEqual([]);
  });

  it("tells the sign-up form the policy and the profile fields that signUp enforces", async () => {
    const { services } = setup();
    const { passwordPolicy, profileFields } = services.registration.requirements();
    // A password one character shorter than the announced minimum is refused for being too short.
    const short = "a1".repeat(passwordPolicy.minLength).slice(0, passwordPolicy.minLength - 1);
    const tooShort = await domainErrorOf(
      services.registration.signUp(visitor(), signUpInput("ada@example.com", { password: short })),
    );
    expect(tooShort.details.fields?.map((f) => f.code)).toContain("TOO_SHORT");
    // Every announced required field, and only those, is reported missing from an empty profile.
    const missing = await domainErrorOf(
      services.registration.signUp(visitor(), signUpInput("ada@example.com", { profile: [] })),
    );
    expect(missing.details.fields?.map((f) => f.field)).toEqual(
      profileFields.filter((field) => field.required).map((field) => `profile.${field.id}`),
    );
    expect(profileFields.map((field) => field.id)).toContain("phone");
  });

  it("validates e-mail address, display name and profile fields with field-level errors", async () => {
    const { db, services } = setup();
    const error = await domainErrorOf(
      services.registration.signUp(visitor(), {
        email: "not-an-address",
        password: goodPassword,
        displayName: "  ",
        profile: [
          { field: "phone", value: "x".repeat(21) },
          { field: "shoeSize", value: "44" },
        ],
      }),
    );
    expect(error.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect(error.details.fields?.map((f) => f.field)).toEqual(["email", "displayName"]);
    const profileError = await domainErrorOf(
      services.registration.signUp(visitor(), {
        ...signUpInput("ada@example.com"),
        profile: [
          { field: "phone", value: "x".repeat(21) },
          { field: "shoeSize", value: "44" },
        ],
      }),
    );
    expect(profileError.details.fields?.map((f) => [f.field, f.code])).toEqual([
      ["profile.phone", "TOO_LONG"],
      ["profile.shoeSize", "UNKNOWN_FIELD"],
      ["profile.company", "REQUIRED"],
    ]);
    expect(await db.selectFrom("users").selectAll().execute()).toEqual([]);
  });

  it("refuses a second account for the same address, whatever its case", async () => {
    const { services } = setup();
    await services.registration.signUp(visitor(), signUpInput("ada@example.com"));
    const error = await domainErrorOf(
      services.registration.signUp(visitor(), signUpInput("ADA@example.com")),
    );
    expect(error.code).toBe(ErrorCode.CONFLICT);
    expect(error.details.fields?.[0]).toMatchObject({ field: "email", code: "TAKEN" });
  });

  it("refuses sign-up to signed-in users and service accounts", async () => {
    const accounts = setup();
    const signedIn = await signedInUser(accounts, "ada@example.com");
    expect(
      await codeOf(accounts.services.registration.signUp(signedIn.actor, signUpInput("b@example.com"))),
    ).toBe(ErrorCode.FORBIDDEN);
    const service = {
      kind: "service",
      serviceAccountId: "bridge",
      scope: "write",
      origin: browserOrigin,
    } as const;
    expect(await codeOf(accounts.services.registration.signUp(service, signUpInput("c@example.com")))).toBe(
      ErrorCode.FORBIDDEN,
    );
  });

  it("verifies the address with the link once, and puts the user into the default group", async () => {
    const { db, services, clock } = setup();
    const user = await services.registration.signUp(visitor(), signUpInput("ada@example.com"));
    const token = await latestLinkToken(db, "user.verification_requested", "ada@example.com");
    clock.advance(minutes(5));
    const verified = await services.registration.verifyEmail(visitor(), { token });
    expect(verified.emailVerifiedAt).toBe(clock.now.toISOString());
    expect(await db.selectFrom("user_groups").select(["user_id", "group_id"]).execute()).toEqual([
      { user_id: user.id, group_id: "developers" },
    ]);
    const [event] = await outboxEvents(db, "user.verified");
    expect(event?.payload).toEqual({ userId: user.id, email: "ada@example.com", groups: ["developers"] });
    expect((await auditRows(db, "user.verified")).length).toBe(1);

    expect(await codeOf(services.registration.verifyEmail(visitor(), { token }))).toBe(
      ErrorCode.TOKEN_INVALID,
    );
    expect(await codeOf(services.registration.verifyEmail(visitor(), { token: "made-up" }))).toBe(
      ErrorCode.TOKEN_INVALID,
    );
  });

  it("lets verification links expire after 24 hours", async () => {
    const { db, services, clock } = setup();
    await services.registration.signUp(visitor(), signUpInput("ada@example.com"));
    const token = await latestLinkToken(db, "user.verification_requested", "ada@example.com");
    clock.advance(hours(24));
    expect(await codeOf(services.registration.verifyEmail(visitor(), { token }))).toBe(
      ErrorCode.TOKEN_EXPIRED,
    );
  });

  it("resends a link that replaces the old one, and answers the same for unknown or verified addresses", async () => {
    const { db, services } = setup();
    await services.registration.signUp(visitor(), signUpInput("ada@example.com"));
    const first = await latestLinkToken(db, "user.verification_requested", "ada@example.com");
    await services.registration.resendVerification(visitor(), { email: "ADA@example.com" });
    const second = await latestLinkToken(db, "user.verification_requested", "ada@example.com");
    expect(second).not.toBe(first);
    expect(await codeOf(services.registration.verifyEmail(visitor(), { token: first }))).toBe(
      ErrorCode.TOKEN_INVALID,
    );
    await services.registration.verifyEmail(visitor(), { token: second });

    const before = (await outboxEvents(db)).length;
    await expect(
      services.registration.resendVerification(visitor(), { email: "ada@example.com" }),
    ).resolves.toBe(undefined);
    await expect(
      services.registration.resendVerification(visitor(), { email: "nobody@example.com" }),
    ).resolves.toBe(undefined);
    expect((await outboxEvents(db)).length).toBe(before);
  });

  it("limits e-mail requests per account (5 per 15 minutes) with a retry-after value", async () => {
    const { services, clock } = setup();
    const resend = (address: string) =>
      services.registration.resendVerification(visitor(address), { email: "ada@example.com" });
    await services.registration.signUp(visitor("198.51.100.1"), signUpInput("ada@example.com")); // 1st
    for (let i = 0; i < 4; i++) await resend(`198.51.100.${i + 2}`);
    clock.advance(minutes(10));
    const error = await domainErrorOf(resend("198.51.100.9"));
    expect(error.code).toBe(ErrorCode.RATE_LIMITED);
    expect(error.details.retryAfterSeconds).toBe(5 * 60);
    clock.advance(minutes(5));
    await expect(resend("198.51.100.9")).resolves.toBe(undefined);
  });

  it("limits wrong links per client address; other addresses are not affected", async () => {
    const { db, services } = setup();
    await services.registration.signUp(visitor("198.51.100.1"), signUpInput("ada@example.com"));
    const token = await latestLinkToken(db, "user.verification_requested", "ada@example.com");
    const attacker = visitor("192.0.2.66");
    for (let i = 0; i < 50; i++) {
      expect(await codeOf(services.registration.verifyEmail(attacker, { token: `guess-${i}` }))).toBe(
        ErrorCode.TOKEN_INVALID,
      );
    }
    expect(await codeOf(services.registration.verifyEmail(attacker, { token }))).toBe(ErrorCode.RATE_LIMITED);
    await expect(
      services.registration.verifyEmail(visitor("198.51.100.1"), { token }),
    ).resolves.toMatchObject({
      email: "ada@example.com",
    });
  });

  it("writes nothing when a step of sign-up fails: no user, no audit entry, no event", async () => {
    const { db } = setup();
    const broken = accountsOn(db.withPlugin(failingInsertsInto("outbox_events")));
    await expect(
      broken.services.registration.signUp(visitor(), signUpInput("ada@example.com")),
    ).rejects.toThrow(/inserts into outbox_events fail/);
    expect(await db.selectFrom("users").selectAll().execute()).toEqual([]);
    expect(await db.selectFrom("verification_tokens").selectAll().execute()).toEqual([]);
    expect(await auditRows(db)).toEqual([]);
  });

  it("keeps the link usable when verification fails half-way", async () => {
    const { db, services } = setup();
    await services.registration.signUp(visitor(), signUpInput("ada@example.com"));
    const token = await latestLinkToken(db, "user.verification_requested", "ada@example.com");
    const broken = accountsOn(db.withPlugin(failingInsertsInto("outbox_events")));
    await expect(broken.services.registration.verifyEmail(visitor(), { token })).rejects.toThrow();
    const row = await db.selectFrom("users").select("email_verified_at").executeTakeFirstOrThrow();
    expect(row.email_verified_at).toBeNull();
    expect(await db.selectFrom("user_groups").selectAll().execute()).toEqual([]);
    expect(await auditRows(db, "user.verified")).toEqual([]);
    await expect(services.registration.verifyEmail(visitor(), { token })).resolves.toBeDefined();
  });

  it("lets anonymous callers use links, but not read-only tokens", async () => {
    const accounts = setup();
    const signedIn = await signedInUser(accounts, "ada@example.com");
    const readOnly = { ...signedIn.actor, scope: "read" as const };
    expect(
      await codeOf(accounts.services.registration.resendVerification(readOnly, { email: "ada@example.com" })),
    ).toBe(ErrorCode.INSUFFICIENT_SCOPE);
    await expect(
      accounts.services.registration.resendVerification(anonymous(browserOrigin), { email: "x@example.com" }),
    ).resolves.toBe(undefined);
  });
});
