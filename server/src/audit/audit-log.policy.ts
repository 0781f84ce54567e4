import type { Actor } from "../actor/actor.js";
import { requireAdmin } from "../authorization/policy-guards.js";

/** The audit log is for administrators (and the CLI); nobody changes it except the retention job. */
export const auditLogPolicy = {
  read(actor: Actor): void {
    requireAdmin(actor);
  },
};
