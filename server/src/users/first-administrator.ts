import { randomBytes, randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { z } from "zod";
import type { Logger } from "pino";
import { system } from "../actor/actor.js";
import type { Tables } from "../database/tables.js";
import { adminGroupIds } from "../groups/group-flags.js";
import { addUserToGroups } from "../groups/group-membership.repository.js";
import { createArgon2idHasher, type PasswordHasher } from "../passwords/password-hasher.js";
import { assertPasswordPolicy, type PasswordPolicy } from "../passwords/password-policy.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { parseInput } from "../errors/input-validation.js";
import { accountEmailSchema } from "./account-input.js";
import { recordUserChange, userTarget } from "./user-change.js";
import { insertUser, isEmailTaken } from "./user.repository.js";

/** From `PORTAL_ADMIN_EMAIL` and `PORTAL_ADMIN_PASSWORD` (or `PORTAL_ADMIN_PASSWORD_FILE`). */
export interface FirstAdministratorSettings {
  readonly email: string;
  /** Null or empty: generate one (returned once, for the boot code to print). */
  readonly password: string | null | undefined;
}

export interface FirstAdministratorResult {
  readonly created: boolean;
  /** Only when the account was created with a generated password; print it once, never log it. */
  readonly generatedPassword?: string;
}

export interface FirstAdministratorDependencies {
  readonly db: Kysely<Tables>;
  readonly config: StaticConfig;
  readonly logger: Logger;
  readonly clock: () => Date;
  readonly hasher?: PasswordHasher;
}

/** A random password that satisfies any policy of the static configuration (all four character classes). */
export function generatePassword(policy: PasswordPolicy): string {
  const length = Math.min(policy.maxLength, Math.max(policy.minLength, 24));
  const classes = "aZ7-";
  const random = randomBytes(length)
    .toString("base64url")
    .slice(0, length - classes.length);
  return `${random}${classes}`;
}

/**
 * Creates the first administrator on first start when no account has the configured address: verified, in
 * every group flagged `admin` and the default group. Idempotent: an existing account is left exactly as it is
 * (its password is never overwritten), also when several replicas start at once. A configured password must
 * satisfy the password policy (PASSWORD_POLICY otherwise).
 */
export async function ensureFirstAdministrator(
  deps: FirstAdministratorDependencies,
  settings: FirstAdministratorSettings,
): Promise<FirstAdministratorResult> {
  const { db, config, logger } = deps;
  const { PORTAL_ADMIN_EMAIL: email } = parseInput(z.object({ PORTAL_ADMIN_EMAIL: accountEmailSchema }), {
    PORTAL_ADMIN_EMAIL: settings.email,
  });
  if (await isEmailTaken(db, email)) return { created: false };
  const given = settings.password ? settings.password : null;
  if (given !== null) assertPasswordPolicy(config.portal.passwordPolicy, given, "PORTAL_ADMIN_PASSWORD");
  const password = given ?? generatePassword(config.portal.passwordPolicy);
  const passwordHash = await (deps.hasher ?? createArgon2idHasher()).hash(password);
  const adminGroups = adminGroupIds(config);
  if (adminGroups.length === 0) {
    logger.warn(
      { email },
      "no group is flagged admin in the static configuration; the first administrator has no rights",
    );
  }
  const groups = [...new Set([...adminGroups, config.portal.defaultGroup])].sort();
  const actor = system("first-administrator");
  const now = deps.clock();
  try {
    await db.transaction().execute(async (trx) => {
      const id = randomUUID();
      const displayName = "Administrator";
      await insertUser(
        trx,
        { id, email, passwordHash, displayName, profile: {}, emailVerifiedAt: now.toISOString() },
        now,
      );
      await addUserToGroups(trx, id, groups, now);
      await recordUserChange(
        trx,
        actor,
        now,
        {
          action: "user.created",
          target: userTarget(id),
          summary: { email, groups, via: "first-administrator", credentialsGenerated: given === null },
        },
        { name: "user.created", payload: { userId: id, email, displayName, groups, verified: true } },
      );
    });
  } catch (error) {
    // Another replica created it at the same moment: the unique e-mail index refused this one.
    if (await isEmailTaken(db, email)) return { created: false };
    throw error;
  }
  logger.info({ email, groups }, "first administrator created");
  return given === null ? { created: true, generatedPassword: password } : { created: true };
}
