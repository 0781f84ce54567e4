import type { Actor } from "../actor/actor.js";
import { requireAdmin, requireVerifiedUser } from "../authorization/policy-guards.js";

/** Who may read the group catalogue of the static configuration. */
export const groupPolicy = {
  /** The full list (with descriptions and flags) is for administrators, who assign groups. */
  list(actor: Actor): void {
    const admin = requireAdmin(actor);
    if (admin.kind === "user") requireVerifiedUser(admin);
  },
} as const;
