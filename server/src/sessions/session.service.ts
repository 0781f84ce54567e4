import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";
import { parseInput } from "../errors/input-validation.js";
import { groupIdsOfUser } from "../groups/group-membership.repository.js";
import { checkPassword } from "../passwords/password-check.js";
import { hashSecretToken, newSecretToken } from "../passwords/secret-token.js";
import { passwordCheckKeys } from "../rate-limits/account-rate-limits.js";
import type { AccountDependencies } from "../users/account-dependencies.js";
import { accountEmailSchema, passwordSchema } from "../users/account-input.js";
import { userTarget } from "../users/user-change.js";
import { findUserWithPasswordHash } from "../users/user.repository.js";
import type { User } from "../users/user.types.js";
import { sessionPolicy } from "./session.policy.js";
import { insertSession, revokeSession, revokeSessionsOfUser } from "./session.repository.js";
import type { Session } from "./session.types.js";

const signInSchema = z.object({ email: accountEmailSchema, password: passwordSchema });

const WRONG_CREDENTIALS = "E-mail address or password is wrong";

export interface SignedIn {
  readonly user: User;
  /** The user's group ids, for the answer to show the signed-in user. */
  readonly groupIds: readonly string[];
  readonly session: Session;
  /** The secret for the session cookie; returned once, stored only as a hash. */
  readonly token: string;
  readonly expiresAt: Date;
}

/** Browser sessions: sign in, sign out, sign out everywhere. Resolving a cookie is `resolveSessionActor`. */
export class SessionService {
  constructor(private readonly deps: AccountDependencies) {}

  /**
   * Checks e-mail address and password and starts a session that ends after `portal.sessions.ttlHours`. Failures
   * count against the account and the client address (RATE_LIMITED once too many); success clears the account's
   * count. The answer for an unknown address is the same as for a wrong password, and takes as long.
   * Unverified users may sign in; disabled ones are refused with ACCOUNT_DISABLED (after the password check, so
   * that only the owner learns it).
   */
  async signIn(actor: Actor, input: unknown): Promise<SignedIn> {
    sessionPolicy.signIn(actor);
    const { email, password } = parseInput(signInSchema, input);
    const { db, config, rateLimiter } = this.deps;
    const account = await findUserWithPasswordHash(db, { email });
    try {
      await checkPassword(
        this.deps,
        actor,
        { email, passwordHash: account?.passwordHash ?? null },
        password,
        {
          field: "password",
          message: WRONG_CREDENTIALS,
        },
      );
    } catch (error) {
      if (account && error instanceof DomainError && error.code === ErrorCode.INVALID_CREDENTIALS) {
        await recordAudit(
          db,
          actor,
          {
            action: "session.sign_in_failed",
            target: userTarget(account.user.id),
            summary: { reason: "password" },
          },
          this.deps.clock(),
        );
      }
      throw error;
    }
    const user = account?.user;
    if (!user) throw new DomainError(ErrorCode.INVALID_CREDENTIALS, WRONG_CREDENTIALS); // unreachable: no hash, no match
    await rateLimiter.reset(passwordCheckKeys(actor, email).slice(0, 1));
    if (user.disabledAt !== null) {
      throw new DomainError(ErrorCode.ACCOUNT_DISABLED, "This account is disabled by an administrator");
    }
    const now = this.deps.clock();
    const expiresAt = new Date(now.getTime() + config.portal.sessions.ttlHours * 60 * 60 * 1000);
    const token = newSecretToken();
    const session = await db.transaction().execute(async (trx) => {
      const started = await insertSession(
        trx,
        {
          id: randomUUID(),
          userId: user.id,
          tokenHash: hashSecretToken(token),
          expiresAt: expiresAt.toISOString(),
          clientAddress: actor.origin.address,
          userAgent: actor.origin.userAgent,
        },
        now,
      );
      await recordAudit(
        trx,
        actor,
        {
          action: "session.signed_in",
          target: userTarget(user.id),
          summary: {
            sessionId: started.id,
            expiresAt: started.expiresAt,
            verified: user.emailVerifiedAt !== null,
          },
        },
        now,
      );
      return started;
    });
    const groupIds = await groupIdsOfUser(db, user.id);
    return { user, groupIds, session, token, expiresAt };
  }

  /** Ends the caller's browser session; true when one ended (false for tokens, anonymous callers, ended sessions). */
  async signOut(actor: Actor): Promise<boolean> {
    sessionPolicy.signOut(actor);
    if (actor.kind !== "user" || actor.via.kind !== "session") return false;
    const sessionId = actor.via.sessionId;
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      if (!(await revokeSession(trx, sessionId, now))) return false;
      await recordAudit(
        trx,
        actor,
        { action: "session.signed_out", target: userTarget(actor.userId), summary: { sessionId } },
        now,
      );
      return true;
    });
  }

  /** Ends every session of the calling user, the current one included; returns how many ended. */
  async signOutEverywhere(actor: Actor): Promise<number> {
    const user = sessionPolicy.signOutEverywhere(actor);
    const now = this.deps.clock();
    return this.deps.db.transaction().execute(async (trx) => {
      const ended = await revokeSessionsOfUser(trx, user.userId, now);
      await recordAudit(
        trx,
        actor,
        {
          action: "session.signed_out_everywhere",
          target: userTarget(user.userId),
          summary: { endedSessions: ended },
        },
        now,
      );
      return ended;
    });
  }
}
