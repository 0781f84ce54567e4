import type { Actor } from "../actor/actor.js";
import {
  canManageSubscriptions,
  canSeeCredentials,
  type ApplicationAccess,
} from "../applications/application.policy.js";
import type { ApplicationRole } from "../applications/application.types.js";
import { mayApprove } from "../approvals/approval.policy.js";
import {
  isAdmin,
  requireAuthenticated,
  requireUser,
  requireVerifiedUser,
  requireWriteScope,
} from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import type { Api } from "../static-config/static-config.js";

/**
 * Who may do what with subscriptions and their credentials (the application roles are defined in
 * `applications/application.policy.ts`).
 *
 * - Subscribe, unsubscribe, change the plan, rotate credentials: owners and collaborators of the application
 *   (verified users), administrators and the system.
 * - Read a subscription (status, plan, history): every member of its application, administrators, the system,
 *   service accounts (the gateway adapter), and approvers who decide on its API.
 * - See credentials: owners and collaborators (`canSeeCredentials`; administrators add themselves as a member
 *   first, which is audited), and read-write service accounts, which provision them at the gateway. Everybody
 *   else reads `credentials: null`.
 * - Report provisioning: service accounts with the write scope (the gateway adapter) and the system only.
 * - Subscription ids are random and unguessable, so callers who may not see one get FORBIDDEN; application ids
 *   are guessable, so subscribing to an application the caller cannot see is NOT_FOUND (as the applications
 *   noun answers).
 */
export const subscriptionPolicy = {
  /** Every change: checked before anything is looked up. Service accounts never subscribe. */
  mayAttemptChange(actor: Actor): void {
    const authenticated = requireAuthenticated(actor);
    requireWriteScope(authenticated);
    if (authenticated.kind === "system") return;
    const user = requireUser(authenticated);
    if (!user.isAdmin) requireVerifiedUser(user);
  },

  /** Subscribing: the application must be visible (else NOT_FOUND) and the caller an owner or collaborator. */
  subscribe(actor: Actor, access: ApplicationAccess): void {
    if (!access.readable) throw DomainError.notFound("Application", access.application.id);
    if (!canManageSubscriptions(actor, access.role)) {
      throw DomainError.forbidden("Only owners and collaborators may subscribe an application to an API");
    }
  },

  /** Unsubscribing, changing the plan, rotating credentials of an existing subscription. */
  manage(actor: Actor, role: ApplicationRole | null): void {
    if (!canManageSubscriptions(actor, role)) {
      throw DomainError.forbidden(
        "Only the application's owners and collaborators may change its subscriptions",
      );
    }
  },

  /** Whether the caller may read a subscription of an application they have `role` in, to `api`. */
  canRead(actor: Actor, role: ApplicationRole | null, api: Api | undefined): boolean {
    if (actor.kind === "anonymous") return false;
    if (role !== null || isAdmin(actor) || actor.kind === "service") return true;
    return actor.kind === "user" && actor.isApprover && api !== undefined && mayApprove(actor, api);
  },

  read(actor: Actor, role: ApplicationRole | null, api: Api | undefined): void {
    requireAuthenticated(actor);
    if (!subscriptionPolicy.canRead(actor, role, api)) {
      throw DomainError.forbidden("Only members of the application may see its subscriptions");
    }
  },

  /** Whether the caller sees the API keys and client secrets of the application's subscriptions. */
  canRevealCredentials(actor: Actor, role: ApplicationRole | null): boolean {
    return canSeeCredentials(actor, role) || (actor.kind === "service" && actor.scope === "write");
  },

  /** Provisioning receipts come from the gateway adapter (a read-write service account) or the system. */
  reportProvisioning(actor: Actor): void {
    const authenticated = requireAuthenticated(actor);
    requireWriteScope(authenticated);
    if (authenticated.kind === "service" || authenticated.kind === "system") return;
    throw DomainError.forbidden("Only the gateway adapter's service account reports provisioning");
  },

  /** Live status changes of an application's subscriptions: its members and administrators. */
  follow(actor: Actor, access: ApplicationAccess | undefined, applicationId: string): void {
    requireAuthenticated(actor);
    if (access && (access.role !== null || isAdmin(actor))) return;
    if (!access || !access.readable) throw DomainError.notFound("Application", applicationId);
    throw DomainError.forbidden("Only members of the application follow its subscriptions");
  },
};
