import type { Actor } from "../actor/actor.js";
import { requireAdmin, requireAuthenticated } from "../authorization/policy-guards.js";

/**
 * The event log holds every change of the installation, so it is for administrators, the system, and service
 * accounts (the bridge and listeners, read-only ones included: following the log changes nothing).
 */
export const eventLogPolicy = {
  read(actor: Actor): void {
    if (requireAuthenticated(actor).kind === "service") return;
    requireAdmin(actor);
  },
};
