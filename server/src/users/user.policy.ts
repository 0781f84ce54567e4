import type { Actor, UserActor } from "../actor/actor.js";
import {
  requireAdmin,
  requireUser,
  requireVerifiedUser,
  requireWriteScope,
  type AdministrativeActor,
} from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";

/**
 * Who may do what with user accounts. Every entry point of the user, registration, password and administration
 * services goes through one of these rules; nothing else decides.
 *
 * - Every write first refuses read-only credentials (INSUFFICIENT_SCOPE), like the GraphQL scope middleware.
 * - Anonymous flows (sign up, links from e-mails, lost password) are open to anyone who is not a service
 *   account: what authorizes them is the secret in the link, or nothing at all (sign up).
 * - Own-account changes need a signed-in user with the write scope; credential changes (password, e-mail
 *   address, deleting the account) also need a browser session, so a leaked access token cannot take the account
 *   over. Unverified users may manage their own account (that is how they fix a mistyped address).
 * - Administration needs a verified administrator (or the system actor: CLI, boot-time provisioning).
 */
export const userPolicy = {
  /** Creating an account: anonymous visitors and the system; a signed-in user must sign out first. */
  signUp(actor: Actor): void {
    requireWriteScope(actor);
    if (actor.kind === "anonymous" || actor.kind === "system") return;
    if (actor.kind === "service") throw DomainError.forbidden("Service accounts cannot create user accounts");
    throw DomainError.forbidden("You are already signed in; sign out to create another account");
  },

  /** Following a link from an e-mail or asking for one (verification, password reset, e-mail change). */
  useEmailLink(actor: Actor): void {
    if (actor.kind === "service")
      throw DomainError.forbidden("Service accounts cannot use account e-mail links");
    requireWriteScope(actor);
  },

  /** Reading one's own account (`viewer`). */
  viewOwnAccount(actor: Actor): UserActor {
    return requireUser(actor);
  },

  /** Changing one's own display name and profile fields. */
  updateOwnProfile(actor: Actor): UserActor {
    const user = requireUser(actor);
    requireWriteScope(user);
    return user;
  },

  /** Changing one's own password or e-mail address, or deleting the account: only from a browser session. */
  changeOwnCredentials(actor: Actor): UserActor {
    const user = requireUser(actor);
    requireWriteScope(user);
    if (user.via.kind !== "session") {
      throw DomainError.forbidden("Sign in to the portal to change your password, e-mail address or account");
    }
    return user;
  },

  /** Reading a user: the user themself, or an administrator. */
  viewUser(actor: Actor, userId: string): void {
    if (actor.kind === "user" && actor.userId === userId) return;
    userPolicy.viewUsers(actor);
  },

  /** Listing and searching users. */
  viewUsers(actor: Actor): AdministrativeActor {
    const admin = requireAdmin(actor);
    if (admin.kind === "user") requireVerifiedUser(admin);
    return admin;
  },

  /** Changing someone's groups, disabling, enabling, deleting, resending verification. */
  administerUsers(actor: Actor): AdministrativeActor {
    requireWriteScope(actor);
    return userPolicy.viewUsers(actor);
  },

  /** Disabling or deleting an account: administrators do it to others, never to themselves. */
  administerOtherUser(actor: Actor, userId: string): AdministrativeActor {
    const admin = userPolicy.administerUsers(actor);
    if (admin.kind === "user" && admin.userId === userId) {
      throw DomainError.forbidden("Administrators cannot disable or delete their own account here");
    }
    return admin;
  },
} as const;
