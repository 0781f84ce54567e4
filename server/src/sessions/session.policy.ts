import type { Actor, UserActor } from "../actor/actor.js";
import { requireUser, requireWriteScope } from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";

/** Who may start and end browser sessions. */
export const sessionPolicy = {
  /** Anyone who is not a service account may sign in (signing in again replaces nothing; it adds a session). */
  signIn(actor: Actor): void {
    requireWriteScope(actor);
    if (actor.kind === "service") throw DomainError.forbidden("Service accounts cannot sign in");
  },

  /** Signing out is allowed to every caller with the write scope; it ends the caller's browser session, if any. */
  signOut(actor: Actor): void {
    requireWriteScope(actor);
  },

  /** Ending all of one's own sessions (e.g. after losing a device). */
  signOutEverywhere(actor: Actor): UserActor {
    const user = requireUser(actor);
    requireWriteScope(user);
    return user;
  },
} as const;
