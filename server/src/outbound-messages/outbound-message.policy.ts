import type { Actor, ServiceActor, SystemActor } from "../actor/actor.js";
import { requireAdmin, requireAuthenticated, requireWriteScope } from "../authorization/policy-guards.js";
import { DomainError } from "../errors/domain-error.js";

/**
 * Who may use the outbound message ledger and the rendering context of the built-in listeners:
 *
 * - Recording an outcome is for read-write service accounts (the mailer, the chatbot) and the system: a person
 *   never sends the portal's messages, so administrators cannot forge ledger entries either.
 * - Asking whether messages were sent, and reading templates and recipients (addresses of users), is for service
 *   accounts (read-only ones included) and administrators.
 * - The list for the admin pages is for administrators.
 */
export const outboundMessagePolicy = {
  record(actor: Actor): ServiceActor | SystemActor {
    const authenticated = requireAuthenticated(actor);
    requireWriteScope(authenticated);
    if (authenticated.kind === "service" || authenticated.kind === "system") return authenticated;
    throw DomainError.forbidden("Only the portal's listeners (service accounts) record outbound messages");
  },

  readForListener(actor: Actor): void {
    if (requireAuthenticated(actor).kind === "service") return;
    requireAdmin(actor);
  },

  list(actor: Actor): void {
    requireAdmin(actor);
  },
};
