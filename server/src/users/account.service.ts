import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { addUserToGroups, groupIdsOfUser } from "../groups/group-membership.repository.js";
import { consumeOneTimeToken, issueOneTimeToken } from "../passwords/one-time-token.repository.js";
import { checkPassword } from "../passwords/password-check.js";
import { mailRequestKeys, withLinkAttemptLimit } from "../rate-limits/account-rate-limits.js";
import type { AccountDependencies } from "./account-dependencies.js";
import { emailSchema, linkTokenSchema, passwordSchema } from "./account-input.js";
import { accountLink } from "./account-links.js";
import { assertNotLastAdministrator } from "./last-administrator.js";
import { recordUserChange, userTarget } from "./user-change.js";
import { applyProfileEntries, displayNameSchema, profileEntriesSchema } from "./user-profile.js";
import {
  deleteUserById,
  findUserById,
  findUserWithPasswordHash,
  isEmailTaken,
  replaceEmail,
  updateDisplayNameAndProfile,
} from "./user.repository.js";
import { userPolicy } from "./user.policy.js";
import type { User } from "./user.types.js";

const updateProfileSchema = z.object({
  displayName: displayNameSchema.nullish(),
  profile: profileEntriesSchema.nullish(),
});
const requestEmailChangeSchema = z.object({ newEmail: emailSchema, currentPassword: passwordSchema });
const confirmEmailChangeSchema = z.object({ token: linkTokenSchema });
const deleteAccountSchema = z.object({ password: passwordSchema });

function emailTaken(field: string): DomainError {
  return new DomainError(ErrorCode.CONFLICT, "Another account already uses this e-mail address", {
    fields: [{ field, code: "TAKEN", message: "is already used by another account" }],
  });
}

/** What a signed-in user does with their own account. */
export class AccountService {
  constructor(private readonly deps: AccountDependencies) {}

  /** The calling user's account; null for anyone who is not a signed-in user. */
  async viewer(actor: Actor): Promise<User | null> {
    if (actor.kind !== "user") return null;
    const caller = userPolicy.viewOwnAccount(actor);
    return (await findUserById(this.deps.db, caller.userId)) ?? null;
  }

  /**
   * Changes the display name and/or profile fields (an empty value removes a field). Fields are checked against
   * the definitions in the static configuration. Nothing is written when nothing changes.
   */
  async updateProfile(actor: Actor, input: unknown): Promise<User> {
    const caller = userPolicy.updateOwnProfile(actor);
    const change = parseInput(updateProfileSchema, input);
    const { db, config } = this.deps;
    const now = this.deps.clock();
    return db.transaction().execute(async (trx) => {
      const user = await findUserById(trx, caller.userId);
      if (!user) throw DomainError.unauthenticated("Your account no longer exists");
      const displayName = change.displayName ?? user.displayName;
      const profile = applyProfileEntries(
        config.portal.profileFields,
        user.profile,
        change.profile ?? [],
        "update",
      );
      const changedFields = [
        ...(displayName === user.displayName ? [] : ["displayName"]),
        ...[...new Set([...Object.keys(user.profile), ...Object.keys(profile)])]
          .filter((field) => user.profile[field] !== profile[field])
          .sort()
          .map((field) => `profile.${field}`),
      ];
      if (changedFields.length === 0) return user;
      await updateDisplayNameAndProfile(trx, user.id, { displayName, profile }, now);
      await recordUserChange(
        trx,
        actor,
        now,
        { action: "user.updated", target: userTarget(user.id), summary: { changedFields } },
        { name: "user.updated", payload: { userId: user.id, email: user.email, changedFields } },
      );
      return { ...user, displayName, profile, updatedAt: now.toISOString() };
    });
  }

  /**
   * Starts changing the e-mail address: needs the current password and a browser session, and sends a link to
   * the NEW address (event `user.email_change_requested`, valid 24 hours). The address changes only when the link
   * is followed (`confirmEmailChange`).
   */
  async requestEmailChange(actor: Actor, input: unknown): Promise<{ newEmail: string }> {
    const caller = userPolicy.changeOwnCredentials(actor);
    const { newEmail, currentPassword } = parseInput(requestEmailChangeSchema, input);
    const { db, config, rateLimiter } = this.deps;
    const account = await findUserWithPasswordHash(db, { id: caller.userId });
    if (!account) throw DomainError.unauthenticated("Your account no longer exists");
    const { user } = account;
    await checkPassword(
      this.deps,
      actor,
      { email: user.email, passwordHash: account.passwordHash },
      currentPassword,
      {
        field: "currentPassword",
        message: "The current password is wrong",
      },
    );
    if (newEmail === user.email) {
      throw DomainError.validation([
        { field: "newEmail", code: "UNCHANGED", message: "is your current address" },
      ]);
    }
    if (await isEmailTaken(db, newEmail)) throw emailTaken("newEmail");
    await rateLimiter.consume(mailRequestKeys(actor, user.email));
    const now = this.deps.clock();
    await db.transaction().execute(async (trx) => {
      const issued = await issueOneTimeToken(
        trx,
        { userId: user.id, kind: "email_change", email: newEmail },
        now,
      );
      await recordUserChange(
        trx,
        actor,
        now,
        {
          action: "user.email_change_requested",
          target: userTarget(user.id),
          summary: { email: user.email, newEmail, expiresAt: issued.expiresAt.toISOString() },
        },
        {
          name: "user.email_change_requested",
          payload: {
            userId: user.id,
            email: user.email,
            newEmail,
            displayName: user.displayName,
            link: accountLink(config, "email_change", issued.token),
            expiresAt: issued.expiresAt.toISOString(),
          },
        },
      );
    });
    return { newEmail };
  }

  /**
   * Switches to the new address with the secret of the link sent there (single-use; works without being signed
   * in, since following the link proves the address). The new address counts as verified; a user who was not
   * verified yet thereby joins the default group, as with `verifyEmail`.
   */
  async confirmEmailChange(actor: Actor, input: unknown): Promise<User> {
    userPolicy.useEmailLink(actor);
    const { token } = parseInput(confirmEmailChangeSchema, input);
    const { db, config, rateLimiter } = this.deps;
    return withLinkAttemptLimit(rateLimiter, actor, async () => {
      const now = this.deps.clock();
      return db.transaction().execute(async (trx) => {
        const consumed = await consumeOneTimeToken(trx, "email_change", token, now);
        const user = await findUserById(trx, consumed.userId);
        if (!user)
          throw new DomainError(ErrorCode.TOKEN_INVALID, "This e-mail change link is no longer valid");
        if (user.disabledAt !== null) {
          throw new DomainError(ErrorCode.ACCOUNT_DISABLED, "This account is disabled by an administrator");
        }
        if (await isEmailTaken(trx, consumed.email)) {
          throw new DomainError(
            ErrorCode.CONFLICT,
            "Another account has taken this e-mail address in the meantime",
          );
        }
        await replaceEmail(trx, user.id, consumed.email, now);
        await recordUserChange(
          trx,
          actor,
          now,
          {
            action: "user.email_changed",
            target: userTarget(user.id),
            summary: { previousEmail: user.email, email: consumed.email },
          },
          {
            name: "user.email_changed",
            payload: { userId: user.id, email: consumed.email, previousEmail: user.email },
          },
        );
        if (user.emailVerifiedAt === null) {
          await addUserToGroups(trx, user.id, [config.portal.defaultGroup], now);
          const groups = await groupIdsOfUser(trx, user.id);
          await recordUserChange(
            trx,
            actor,
            now,
            {
              action: "user.verified",
              target: userTarget(user.id),
              summary: { email: consumed.email, groups },
            },
            { name: "user.verified", payload: { userId: user.id, email: consumed.email, groups } },
          );
        }
        return {
          ...user,
          email: consumed.email,
          emailVerifiedAt: now.toISOString(),
          updatedAt: now.toISOString(),
        };
      });
    });
  }

  /**
   * Deletes the caller's account: needs the password and a browser session. Refused with LAST_OWNER while the
   * user is the last owner of an application, and with CONFLICT for the last enabled administrator.
   */
  async deleteAccount(actor: Actor, input: unknown): Promise<{ deletedUserId: string }> {
    const caller = userPolicy.changeOwnCredentials(actor);
    const { password } = parseInput(deleteAccountSchema, input);
    const { db, config, applicationOwnership } = this.deps;
    const account = await findUserWithPasswordHash(db, { id: caller.userId });
    if (!account) throw DomainError.unauthenticated("Your account no longer exists");
    const { user } = account;
    await checkPassword(
      this.deps,
      actor,
      { email: user.email, passwordHash: account.passwordHash },
      password,
      {
        field: "password",
        message: "The password is wrong",
      },
    );
    if (await applicationOwnership.isLastOwnerOfAnyApplication(user.id)) {
      throw new DomainError(
        ErrorCode.LAST_OWNER,
        "You are the last owner of an application; add another owner or delete the application first",
      );
    }
    const now = this.deps.clock();
    await db.transaction().execute(async (trx) => {
      await assertNotLastAdministrator(trx, config, user);
      await deleteUserById(trx, user.id);
      await recordUserChange(
        trx,
        actor,
        now,
        { action: "user.deleted", target: userTarget(user.id), summary: { email: user.email, by: "self" } },
        { name: "user.deleted", payload: { userId: user.id, email: user.email } },
      );
    });
    return { deletedUserId: user.id };
  }
}
