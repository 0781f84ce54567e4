import type { Actor } from "../actor/actor.js";
import { requireAdmin, requireAuthenticated, requireVerifiedUser } from "../authorization/policy-guards.js";

/** Who may read the group catalogue of the static configuration. */
export const groupPolicy = {
  /** The full list (with descriptions and flags) is for administrators, who assign groups. */
  list(actor: Actor): void {
    requireAuthenticated(actor);
    if (actor.kind === "user") requireVerifiedUser(actor);
    requireAdmin(actor);
  },
} as const;
