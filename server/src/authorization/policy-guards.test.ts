import { describe, expect, it } from "vitest";
import { anonymous, system, type Actor, type UserActor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import {
  isAdmin,
  requireAdmin,
  requireAuthenticated,
  requireUser,
  requireVerifiedUser,
  requireWriteScope,
} from "./policy-guards.js";

const origin = { address: null, userAgent: null, requestId: null };
const user: UserActor = {
  kind: "user",
  userId: "usr_1",
  email: "a@example.com",
  emailVerified: true,
  groups: ["developers"],
  isAdmin: false,
  isApprover: false,
  via: { kind: "session", sessionId: "ses_1" },
  scope: "write",
  origin,
};
const unverified: UserActor = { ...user, emailVerified: false };
const admin: UserActor = { ...user, isAdmin: true };
const readToken: UserActor = { ...admin, via: { kind: "token", tokenId: "pat_1" }, scope: "read" };
const service: Actor = { kind: "service", serviceAccountId: "bridge", scope: "write", origin };
const readService: Actor = { kind: "service", serviceAccountId: "mailer", scope: "read", origin };
const cli = system("cli");

function codeOf(guard: () => unknown): string {
  try {
    guard();
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "ok";
}

describe("policy guards", () => {
  it("requireAuthenticated refuses only the anonymous", () => {
    expect(codeOf(() => requireAuthenticated(anonymous()))).toBe("UNAUTHENTICATED");
    for (const actor of [user, service, cli]) expect(codeOf(() => requireAuthenticated(actor))).toBe("ok");
  });

  it("requireUser wants a person", () => {
    expect(codeOf(() => requireUser(anonymous()))).toBe("UNAUTHENTICATED");
    expect(codeOf(() => requireUser(service))).toBe("FORBIDDEN");
    expect(codeOf(() => requireUser(cli))).toBe("FORBIDDEN");
    expect(requireUser(readToken)).toBe(readToken);
    expect(() => requireUser(service)).toThrow('a service account ("bridge") cannot do it');
  });

  it("requireVerifiedUser wants a verified address", () => {
    expect(codeOf(() => requireVerifiedUser(unverified))).toBe("EMAIL_NOT_VERIFIED");
    expect(codeOf(() => requireVerifiedUser(anonymous()))).toBe("UNAUTHENTICATED");
    expect(codeOf(() => requireVerifiedUser(user))).toBe("ok");
  });

  it("requireAdmin accepts administrators (also through read-only tokens) and the system", () => {
    expect(codeOf(() => requireAdmin(user))).toBe("FORBIDDEN");
    expect(codeOf(() => requireAdmin(service))).toBe("FORBIDDEN");
    expect(codeOf(() => requireAdmin(anonymous()))).toBe("UNAUTHENTICATED");
    for (const actor of [admin, readToken, cli]) expect(codeOf(() => requireAdmin(actor))).toBe("ok");
    expect([user, admin, readToken, cli, service].map(isAdmin)).toEqual([false, true, true, true, false]);
  });

  it("requireWriteScope refuses read-scoped tokens and service accounts", () => {
    expect(codeOf(() => requireWriteScope(readToken))).toBe("INSUFFICIENT_SCOPE");
    expect(codeOf(() => requireWriteScope(readService))).toBe("INSUFFICIENT_SCOPE");
    expect(() => requireWriteScope(readService)).toThrow('Service account "mailer" is read-only');
    for (const actor of [user, admin, service, cli, anonymous()])
      expect(codeOf(() => requireWriteScope(actor))).toBe("ok");
  });
});
