import "reflect-metadata";
import { expect, it } from "vitest";
import type { DatabaseHandle } from "../database/database.types.js";
import { ErrorCode } from "../errors/error-code.js";
import { passwordPolicyViolations } from "../passwords/password-policy.js";
import { describeEachBackend } from "../testing/backends.js";
import { testLogger } from "../testing/test-logger.js";
import {
  accountTestConfig,
  accountsOn,
  auditRows,
  cheapHasher,
  codeOf,
  outboxEvents,
  sessionActor,
  TestClock,
  visitor,
} from "./account.fixtures.js";
import { ensureFirstAdministrator, generatePassword } from "./first-administrator.js";

it("generates passwords that satisfy the strictest policy", () => {
  const policy = {
    minLength: 30,
    maxLength: 40,
    requireUpper: true,
    requireLower: true,
    requireDigit: true,
    requireSpecial: true,
  };
  for (let i = 0; i < 20; i++) {
    const password = generatePassword(policy);
    expect(password.length).toBe(30);
    expect(passwordPolicyViolations(policy, password, "password")).toEqual([]);
  }
});

describeEachBackend("ensureFirstAdministrator", (getHandle: () => DatabaseHandle) => {
  const deps = () => ({
    db: getHandle().db,
    config: accountTestConfig(),
    logger: testLogger(),
    clock: new TestClock().read,
    hasher: cheapHasher,
  });

  it("creates a verified administrator with a generated password once; later starts change nothing", async () => {
    const db = getHandle().db;
    const first = await ensureFirstAdministrator(deps(), { email: "Admin@Localhost", password: undefined });
    expect(first.created).toBe(true);
    expect(first.generatedPassword).toMatch(/^.{24}$/);
    const again = await ensureFirstAdministrator(deps(), {
      email: "admin@localhost",
      password: "other password 1",
    });
    expect(again).toEqual({ created: false });

    const accounts = accountsOn(db);
    const signedIn = await accounts.services.sessions.signIn(visitor(), {
      email: "admin@localhost",
      password: first.generatedPassword ?? "",
    });
    expect(await sessionActor(accounts, signedIn.token)).toMatchObject({
      emailVerified: true,
      isAdmin: true,
      groups: ["admins", "developers"],
    });
    expect((await outboxEvents(db, "user.created"))[0]?.payload).toMatchObject({
      verified: true,
      groups: ["admins", "developers"],
    });
    const [audit] = await auditRows(db, "user.created");
    expect(audit).toMatchObject({ actor_kind: "system", actor_id: "system:first-administrator" });
    expect(JSON.stringify(audit)).not.toContain(first.generatedPassword);
  });

  it("uses the configured password, which must satisfy the policy", async () => {
    expect(
      await codeOf(ensureFirstAdministrator(deps(), { email: "admin@localhost", password: "short" })),
    ).toBe(ErrorCode.PASSWORD_POLICY);
    expect(
      await ensureFirstAdministrator(deps(), { email: "admin@localhost", password: "configured pass 1" }),
    ).toEqual({
      created: true,
    });
    const accounts = accountsOn(getHandle().db);
    await expect(
      accounts.services.sessions.signIn(visitor(), {
        email: "admin@localhost",
        password: "configured pass 1",
      }),
    ).resolves.toBeDefined();
  });

  it("creates exactly one administrator when several replicas start at once", async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => ensureFirstAdministrator(deps(), { email: "admin@localhost", password: null })),
    );
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect((await getHandle().db.selectFrom("users").selectAll().execute()).length).toBe(1);
  });
});
