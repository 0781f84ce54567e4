import type { Actor, UserActor } from "../actor/actor.js";
import {
  requireAdmin,
  requireAuthenticated,
  requireUser,
  requireVerifiedUser,
  requireWriteScope,
} from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import type { AccessToken } from "./access-token.types.js";

/** Who may do what with personal access tokens. Every service entry point goes through one of these. */
export const accessTokenPolicy = {
  /**
   * Verified users create tokens for themselves from a browser session. A token cannot create tokens: a leaked
   * token must not be able to outlive its own expiry or revocation by minting a successor.
   */
  create(actor: Actor): UserActor {
    requireAuthenticated(actor);
    requireWriteScope(actor);
    const user = requireVerifiedUser(actor);
    if (user.via.kind === "token") {
      throw DomainError.forbidden(
        "Access tokens cannot create access tokens; sign in to the portal to create one",
      );
    }
    return user;
  },

  /** Users list their own tokens; administrators (and the system) also anyone else's. Returns whose to list. */
  list(actor: Actor, userId: string | null | undefined): string {
    if (userId === null || userId === undefined) return requireUser(actor).userId;
    if (actor.kind === "user" && actor.userId === userId) return userId;
    requireAdmin(actor);
    return userId;
  },

  /** The owner and administrators (and the system, e.g. the CLI) may revoke a token. */
  revoke(actor: Actor, token: AccessToken): void {
    requireAuthenticated(actor);
    requireWriteScope(actor);
    if (actor.kind === "user" && actor.userId === token.userId) return;
    requireAdmin(actor);
  },

  /** Checked before the token is looked up, so callers who may never revoke learn nothing about ids. */
  mayAttemptRevoke(actor: Actor): void {
    requireAuthenticated(actor);
    requireWriteScope(actor);
    if (actor.kind !== "system") requireUser(actor);
  },
};
