import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { addUserToGroups, groupIdsOfUser } from "../groups/group-membership.repository.js";
import { consumeOneTimeToken } from "../passwords/one-time-token.repository.js";
import { assertPasswordPolicy, type PasswordPolicy } from "../passwords/password-policy.js";
import { mailRequestKeys, withLinkAttemptLimit } from "../rate-limits/account-rate-limits.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { accountEmailSchema, emailSchema, linkTokenSchema, passwordSchema } from "./account-input.js";
import { issueEmailVerification } from "./email-verification.js";
import { recordUserChange, userTarget } from "./user-change.js";
import {
  applyProfileEntries,
  displayNameSchema,
  profileEntriesSchema,
  type ProfileFieldDefinition,
} from "./user-profile.js";
import {
  findUserByEmail,
  findUserById,
  insertUser,
  isEmailTaken,
  markEmailVerified,
} from "./user.repository.js";
import { userPolicy } from "./user.policy.js";
import type { User } from "./user.types.js";

const signUpSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  displayName: displayNameSchema,
  profile: profileEntriesSchema.nullish(),
});

const verifySchema = z.object({ token: linkTokenSchema });
const resendSchema = z.object({ email: accountEmailSchema });

function emailTaken(): DomainError {
  return new DomainError(ErrorCode.CONFLICT, "An account with this e-mail address already exists", {
    fields: [
      { field: "email", code: "TAKEN", message: "already has an account; sign in or reset the password" },
    ],
  });
}

/** What sign-up asks for, from the static configuration. */
export interface SignUpRequirements {
  readonly passwordPolicy: PasswordPolicy;
  readonly profileFields: readonly ProfileFieldDefinition[];
}

/** Sign up and e-mail verification. */
export class RegistrationService {
  constructor(private readonly deps: AccountDependencies) {}

  /**
   * The password policy and the profile fields of the static configuration, for forms that check before sending.
   * Public for every caller (the sign-up page shows them to anonymous visitors), so no policy check.
   */
  requirements(): SignUpRequirements {
    const { passwordPolicy, profileFields } = this.deps.config.portal;
    return { passwordPolicy, profileFields };
  }

  /**
   * Creates an unverified account and sends a verification link (event `user.verification_requested`). The
   * password must satisfy the policy of the static configuration; profile fields are checked against their
   * definitions there. Counts as an e-mail request for the address and the client.
   */
  async signUp(actor: Actor, input: unknown): Promise<User> {
    userPolicy.signUp(actor);
    const { email, password, displayName, profile } = parseInput(signUpSchema, input);
    const { config, db, hasher, rateLimiter } = this.deps;
    assertPasswordPolicy(config.portal.passwordPolicy, password);
    const profileValues = applyProfileEntries(config.portal.profileFields, {}, profile ?? [], "create");
    if (await isEmailTaken(db, email)) throw emailTaken();
    await rateLimiter.consume(mailRequestKeys(actor, email));
    const passwordHash = await hasher.hash(password);
    const now = this.deps.clock();
    try {
      return await db.transaction().execute(async (trx) => {
        const user = await insertUser(
          trx,
          {
            id: randomUUID(),
            email,
            passwordHash,
            displayName,
            profile: profileValues,
            emailVerifiedAt: null,
          },
          now,
        );
        await recordUserChange(
          trx,
          actor,
          now,
          {
            action: "user.created",
            target: userTarget(user.id),
            summary: { email, displayName, profileFields: Object.keys(profileValues), via: "sign-up" },
          },
          {
            name: "user.created",
            payload: { userId: user.id, email, displayName, groups: [], verified: false },
          },
        );
        await issueEmailVerification(trx, config, actor, user, now);
        return user;
      });
    } catch (error) {
      // Two sign-ups for one address at once: the unique index refuses the second.
      if (!(error instanceof DomainError) && (await isEmailTaken(db, email))) throw emailTaken();
      throw error;
    }
  }

  /**
   * Verifies the address with the link's secret and puts the user into the default group of the static
   * configuration. The link is single-use; wrong links count against the client address.
   */
  async verifyEmail(actor: Actor, input: unknown): Promise<User> {
    userPolicy.useEmailLink(actor);
    const { token } = parseInput(verifySchema, input);
    const { config, db, rateLimiter } = this.deps;
    return withLinkAttemptLimit(rateLimiter, actor, async () => {
      const now = this.deps.clock();
      return db.transaction().execute(async (trx) => {
        const consumed = await consumeOneTimeToken(trx, "email_verification", token, now);
        const user = await findUserById(trx, consumed.userId);
        if (!user || user.email !== consumed.email) {
          throw new DomainError(ErrorCode.TOKEN_INVALID, "This e-mail verification link is no longer valid");
        }
        if (user.disabledAt !== null) {
          throw new DomainError(ErrorCode.ACCOUNT_DISABLED, "This account is disabled by an administrator");
        }
        if (user.emailVerifiedAt !== null) return user;
        await markEmailVerified(trx, user.id, now);
        await addUserToGroups(trx, user.id, [config.portal.defaultGroup], now);
        const groups = await groupIdsOfUser(trx, user.id);
        await recordUserChange(
          trx,
          actor,
          now,
          { action: "user.verified", target: userTarget(user.id), summary: { email: user.email, groups } },
          { name: "user.verified", payload: { userId: user.id, email: user.email, groups } },
        );
        return { ...user, emailVerifiedAt: now.toISOString(), updatedAt: now.toISOString() };
      });
    });
  }

  /**
   * Sends a new verification link to an unverified account. Answers the same whether or not the address has an
   * account (or is already verified), so it tells nobody which addresses are registered. Rate limited per
   * address and client.
   */
  async resendVerification(actor: Actor, input: unknown): Promise<void> {
    userPolicy.useEmailLink(actor);
    const { email } = parseInput(resendSchema, input);
    const { config, db, rateLimiter } = this.deps;
    await rateLimiter.consume(mailRequestKeys(actor, email));
    const now = this.deps.clock();
    await db.transaction().execute(async (trx) => {
      const user = await findUserByEmail(trx, email);
      if (!user || user.emailVerifiedAt !== null || user.disabledAt !== null) return;
      await issueEmailVerification(trx, config, actor, user, now);
    });
  }
}
