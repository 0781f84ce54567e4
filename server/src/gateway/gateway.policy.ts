import type { Actor } from "../actor/actor.js";
import { isAdmin, requireAuthenticated } from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";

/**
 * Who may read what the gateway must hold.
 *
 * - The desired state (APIs, plans, consumers with their credential ids): service accounts (the gateway adapter)
 *   and administrators (to inspect what the adapter will do).
 * - The secrets (API keys, client secrets) are decrypted only for read-write service accounts: the adapter that
 *   provisions them and reports receipts. Administrators and read-only service accounts read them as null.
 */
export const gatewayPolicy = {
  read(actor: Actor): void {
    const authenticated = requireAuthenticated(actor);
    if (authenticated.kind === "service" || isAdmin(authenticated)) return;
    throw DomainError.forbidden("Only the gateway adapter's service account and administrators read this");
  },

  canRevealSecrets(actor: Actor): boolean {
    return actor.kind === "service" && actor.scope === "write";
  },
};
