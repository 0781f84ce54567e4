import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import {
  mailRequestKeys,
  passwordCheckKeys,
  withLinkAttemptLimit,
} from "../rate-limits/account-rate-limits.js";
import { revokeSessionsOfUser } from "../sessions/session.repository.js";
import { accountLink } from "../users/account-links.js";
import type { AccountDependencies } from "../users/account-dependencies.js";
import { accountEmailSchema, linkTokenSchema, passwordSchema } from "../users/account-input.js";
import { recordUserChange, userTarget } from "../users/user-change.js";
import {
  findUserByEmail,
  findUserById,
  findUserWithPasswordHash,
  replacePasswordHash,
} from "../users/user.repository.js";
import { userPolicy } from "../users/user.policy.js";
import { consumeOneTimeToken, issueOneTimeToken } from "./one-time-token.repository.js";
import { checkPassword } from "./password-check.js";
import { assertPasswordPolicy } from "./password-policy.js";

const requestResetSchema = z.object({ email: accountEmailSchema });
const resetSchema = z.object({ token: linkTokenSchema, newPassword: passwordSchema });
const changeSchema = z.object({ currentPassword: passwordSchema, newPassword: passwordSchema });

/** Lost password (reset by e-mail link) and change password. */
export class PasswordService {
  constructor(private readonly deps: AccountDependencies) {}

  /**
   * Sends a reset link (event `user.password_reset_requested`, valid 1 hour) when the address belongs to an
   * enabled account. Answers the same in every case, so it tells nobody which addresses are registered. Rate
   * limited per address and client, also for addresses without an account.
   */
  async requestReset(actor: Actor, input: unknown): Promise<void> {
    userPolicy.useEmailLink(actor);
    const { email } = parseInput(requestResetSchema, input);
    const { db, config, rateLimiter } = this.deps;
    await rateLimiter.consume(mailRequestKeys(actor, email));
    const now = this.deps.clock();
    await db.transaction().execute(async (trx) => {
      const user = await findUserByEmail(trx, email);
      if (!user || user.disabledAt !== null) return;
      const issued = await issueOneTimeToken(
        trx,
        { userId: user.id, kind: "password_reset", email: user.email },
        now,
      );
      await recordUserChange(
        trx,
        actor,
        now,
        {
          action: "user.password_reset_requested",
          target: userTarget(user.id),
          summary: { email: user.email, expiresAt: issued.expiresAt.toISOString() },
        },
        {
          name: "user.password_reset_requested",
          payload: {
            userId: user.id,
            email: user.email,
            displayName: user.displayName,
            link: accountLink(config, "password_reset", issued.token),
            expiresAt: issued.expiresAt.toISOString(),
          },
        },
      );
    });
  }

  /**
   * Sets a new password with the secret of a reset link (single-use) and ends every session of the user. Wrong
   * links count against the client address. Clears the account's failed sign-in count.
   */
  async reset(actor: Actor, input: unknown): Promise<{ endedSessions: number }> {
    userPolicy.useEmailLink(actor);
    const { token, newPassword } = parseInput(resetSchema, input);
    const { db, config, hasher, rateLimiter } = this.deps;
    assertPasswordPolicy(config.portal.passwordPolicy, newPassword, "newPassword");
    const passwordHash = await hasher.hash(newPassword);
    const result = await withLinkAttemptLimit(rateLimiter, actor, async () => {
      const now = this.deps.clock();
      return db.transaction().execute(async (trx) => {
        const consumed = await consumeOneTimeToken(trx, "password_reset", token, now);
        const user = await findUserById(trx, consumed.userId);
        if (!user || user.email !== consumed.email) {
          throw new DomainError(ErrorCode.TOKEN_INVALID, "This password reset link is no longer valid");
        }
        if (user.disabledAt !== null) {
          throw new DomainError(ErrorCode.ACCOUNT_DISABLED, "This account is disabled by an administrator");
        }
        await replacePasswordHash(trx, user.id, passwordHash, now);
        const endedSessions = await revokeSessionsOfUser(trx, user.id, now);
        await recordUserChange(
          trx,
          actor,
          now,
          { action: "user.password_reset", target: userTarget(user.id), summary: { endedSessions } },
          { name: "user.password_reset", payload: { userId: user.id, email: user.email } },
        );
        return { email: user.email, endedSessions };
      });
    });
    await rateLimiter.reset(passwordCheckKeys(actor, result.email).slice(0, 1));
    return { endedSessions: result.endedSessions };
  }

  /**
   * Changes the caller's password; needs the current one (a wrong one counts like a failed sign-in) and a browser
   * session. Every other session of the user ends; the current one stays signed in.
   */
  async change(actor: Actor, input: unknown): Promise<{ endedSessions: number }> {
    const caller = userPolicy.changeOwnCredentials(actor);
    const { currentPassword, newPassword } = parseInput(changeSchema, input);
    const { db, config, hasher } = this.deps;
    const account = await findUserWithPasswordHash(db, { id: caller.userId });
    if (!account) throw DomainError.unauthenticated("Your account no longer exists");
    await checkPassword(
      this.deps,
      actor,
      { email: account.user.email, passwordHash: account.passwordHash },
      currentPassword,
      {
        field: "currentPassword",
        message: "The current password is wrong",
      },
    );
    assertPasswordPolicy(config.portal.passwordPolicy, newPassword, "newPassword");
    const passwordHash = await hasher.hash(newPassword);
    const now = this.deps.clock();
    const currentSession = caller.via.kind === "session" ? caller.via.sessionId : null;
    return db.transaction().execute(async (trx) => {
      await replacePasswordHash(trx, caller.userId, passwordHash, now);
      const endedSessions = await revokeSessionsOfUser(trx, caller.userId, now, currentSession);
      await recordUserChange(
        trx,
        actor,
        now,
        { action: "user.password_changed", target: userTarget(caller.userId), summary: { endedSessions } },
        { name: "user.password_changed", payload: { userId: caller.userId, email: account.user.email } },
      );
      return { endedSessions };
    });
  }
}
