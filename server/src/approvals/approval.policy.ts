import type { Actor } from "../actor/actor.js";
import {
  isAdmin,
  requireAuthenticated,
  requireWriteScope,
  type AuthenticatedActor,
} from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";
import type { Api, StaticConfig } from "../static-config/static-config.js";
import type { Subscription } from "../subscriptions/subscription.types.js";

/**
 * Who decides on subscription requests.
 *
 * - Administrators (and the system) decide on every request.
 * - Approvers (members of a group with the approver flag) decide on requests for APIs whose required group is one
 *   of their own groups, and see only those in the queue.
 * - APIs without a required group are open to everyone, so no group's approvers are responsible for them: only
 *   administrators decide on those (in the reference system nobody but administrators could either, by accident;
 *   here it is the rule).
 * - Nobody decides on their own request, except administrators.
 */

/** Whether `actor` decides on requests for `api` (undefined: the API is no longer configured: administrators). */
export function mayApprove(actor: Actor, api: Api | undefined): boolean {
  if (isAdmin(actor)) return true;
  if (actor.kind !== "user" || !actor.isApprover || !api?.requiredGroup) return false;
  return actor.groups.includes(api.requiredGroup);
}

/** The ids of the configured APIs an approver decides on (every API for administrators). */
export function approvableApiIds(config: StaticConfig, actor: Actor): string[] {
  return config.apis.filter((api) => mayApprove(actor, api)).map((api) => api.id);
}

function requireApproverOrAdmin(actor: AuthenticatedActor): AuthenticatedActor {
  if (isAdmin(actor) || (actor.kind === "user" && actor.isApprover)) return actor;
  throw DomainError.forbidden("Only approvers and administrators see and decide on subscription requests");
}

export const approvalPolicy = {
  /** The queue: approvers (filtered to their APIs) and administrators. */
  queue(actor: Actor): AuthenticatedActor {
    return requireApproverOrAdmin(requireAuthenticated(actor));
  },

  /** Checked before anything is looked up, so others learn nothing about subscription ids. */
  mayAttemptDecision(actor: Actor): AuthenticatedActor {
    const authenticated = requireAuthenticated(actor);
    requireWriteScope(authenticated);
    return requireApproverOrAdmin(authenticated);
  },

  /** Approving or declining one request. */
  decide(actor: Actor, subscription: Subscription, api: Api | undefined): void {
    if (!mayApprove(actor, api)) {
      throw DomainError.forbidden(
        api?.requiredGroup
          ? `Only approvers in group "${api.requiredGroup}" and administrators decide on requests for API "${subscription.apiId}"`
          : `Only administrators decide on requests for API "${subscription.apiId}", which has no required group`,
      );
    }
    if (!isAdmin(actor) && actor.kind === "user" && subscription.requestedBy === actor.userId) {
      throw DomainError.forbidden("You cannot decide on your own subscription request; ask another approver");
    }
  },
};
