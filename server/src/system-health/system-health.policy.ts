import type { Actor } from "../actor/actor.js";
import { requireAdmin } from "../authorization/policy-guards.js";

/** The system's health shows every listener and the configuration hash: administrators only. */
export const systemHealthPolicy = {
  read(actor: Actor): void {
    requireAdmin(actor);
  },
};
