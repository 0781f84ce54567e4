import type { Actor, UserActor } from "../actor/actor.js";
import {
  isAdmin,
  requireAuthenticated,
  requireUser,
  requireVerifiedUser,
  requireWriteScope,
} from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import type { Application, ApplicationRole } from "./application.types.js";

/**
 * Who may do what with applications.
 *
 * - Verified users (and administrators) create applications and become their owner.
 * - owner: everything (read, update, delete, members, subscriptions, credentials).
 * - collaborator: read, subscribe and unsubscribe, see credentials.
 * - reader: read only.
 * - Administrators (and the system) may do everything except see credentials; they may add themselves as a
 *   member, which is audited. Service accounts (the gateway adapter) may read every application, never change one.
 * - Approvers may read the applications that have a subscription to an API of one of their groups (the
 *   subscriptions noun answers that through a hook).
 * - Application ids are chosen by people and so guessable: to everyone else an application does not exist, and
 *   every operation answers NOT_FOUND, never FORBIDDEN (which would reveal it).
 */

/** What a caller is to one application. */
export interface ApplicationAccess {
  readonly application: Application;
  /** The caller's role; null when the caller is not a member. */
  readonly role: ApplicationRole | null;
  /** Whether the caller may read the application at all (see {@link canRead}). */
  readonly readable: boolean;
}

/**
 * Whether `actor`, whose role in the application is `role` (null: not a member), may read it. `approverMayRead`
 * is asked only for approvers who are not members.
 */
export async function canRead(
  actor: Actor,
  role: ApplicationRole | null,
  approverMayRead?: () => Promise<boolean>,
): Promise<boolean> {
  if (actor.kind === "anonymous") return false;
  if (role !== null) return true;
  if (isAdmin(actor) || actor.kind === "service") return true;
  if (actor.kind === "user" && actor.isApprover && approverMayRead) return approverMayRead();
  return false;
}

/** Owners and collaborators subscribe and unsubscribe; administrators and the system may too. */
export function canManageSubscriptions(actor: Actor, role: ApplicationRole | null): boolean {
  return isAdmin(actor) || role === "owner" || role === "collaborator";
}

/**
 * Only owners and collaborators see credentials (API keys, client secrets). Administrators are no exception: they
 * would have to add themselves as a member first, which leaves an audit entry and an event.
 */
export function canSeeCredentials(actor: Actor, role: ApplicationRole | null): boolean {
  return actor.kind === "user" && (role === "owner" || role === "collaborator");
}

/** Owners change, delete and manage members; administrators and the system may too. */
export function canAdminister(actor: Actor, role: ApplicationRole | null): boolean {
  return isAdmin(actor) || role === "owner";
}

/** The answer for applications the caller may not see: the same as for ones that do not exist. */
export function applicationNotFound(id: string): DomainError {
  return DomainError.notFound("Application", id);
}

function refuse(access: ApplicationAccess, message: string): never {
  if (!access.readable) throw applicationNotFound(access.application.id);
  throw DomainError.forbidden(message);
}

export const applicationPolicy = {
  /** Verified users and administrators create applications (a person: the creator becomes the owner). */
  create(actor: Actor): UserActor {
    requireAuthenticated(actor);
    requireWriteScope(actor);
    const user = requireUser(actor);
    return user.isAdmin ? user : requireVerifiedUser(user);
  },

  /**
   * The caller's own applications need a user; every application (`all`) needs an administrator, the system or
   * a service account. Returns whose applications to list (null: everybody's).
   */
  list(actor: Actor, all: boolean): string | null {
    const authenticated = requireAuthenticated(actor);
    if (!all) return requireUser(authenticated).userId;
    if (isAdmin(authenticated) || authenticated.kind === "service") return null;
    throw DomainError.forbidden("Only administrators may list every application; omit `all` for your own");
  },

  /** Reading one application; NOT_FOUND when the caller may not see it. */
  read(access: ApplicationAccess): void {
    if (!access.readable) throw applicationNotFound(access.application.id);
  },

  /**
   * Checked before anything is looked up on every change: a signed-in, write-scoped person with a verified
   * address, or an administrator, or the system. Service accounts never change applications.
   */
  mayAttemptChange(actor: Actor): void {
    const authenticated = requireAuthenticated(actor);
    requireWriteScope(authenticated);
    if (authenticated.kind === "system") return;
    const user = requireUser(authenticated);
    if (!user.isAdmin) requireVerifiedUser(user);
  },

  /** Changing name, description, client type or redirect URIs: owners and administrators. */
  update(actor: Actor, access: ApplicationAccess): void {
    if (!canAdminister(actor, access.role)) refuse(access, "Only owners may change an application");
  },

  /** Deleting (with its subscriptions): owners and administrators. */
  delete(actor: Actor, access: ApplicationAccess): void {
    if (!canAdminister(actor, access.role)) refuse(access, "Only owners may delete an application");
  },

  /** Adding members, changing roles, removing others: owners and administrators. */
  manageMembers(actor: Actor, access: ApplicationAccess): void {
    if (!canAdminister(actor, access.role)) {
      refuse(access, "Only owners may add, change or remove members of an application");
    }
  },

  /** Removing a member: owners and administrators remove anyone; every member may leave (remove themself). */
  removeMember(actor: Actor, access: ApplicationAccess, userId: string): void {
    if (actor.kind === "user" && actor.userId === userId && access.role !== null) return;
    applicationPolicy.manageMembers(actor, access);
  },

  /** Subscribing and unsubscribing (for the subscriptions noun): owners, collaborators and administrators. */
  manageSubscriptions(actor: Actor, access: ApplicationAccess): void {
    if (!canManageSubscriptions(actor, access.role)) {
      refuse(access, "Only owners and collaborators may manage an application's subscriptions");
    }
  },

  /** Seeing credentials (for the subscriptions noun): owners and collaborators only. */
  seeCredentials(actor: Actor, access: ApplicationAccess): void {
    if (!canSeeCredentials(actor, access.role)) {
      refuse(access, "Only owners and collaborators may see an application's credentials");
    }
  },
};
