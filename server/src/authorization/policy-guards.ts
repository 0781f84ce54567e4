import type { Actor, AnonymousActor, ServiceActor, SystemActor, UserActor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { ErrorCode } from "../errors/error-code.js";

/**
 * The building blocks of every noun's policy module (`<noun>.policy.ts`). Each guard either returns the narrowed
 * actor or throws the one error code that tells the caller what is missing:
 *
 * - UNAUTHENTICATED: nobody is signed in.
 * - EMAIL_NOT_VERIFIED: a user is signed in, but must verify the e-mail address first.
 * - INSUFFICIENT_SCOPE: a read-only token or service account tried to change something.
 * - FORBIDDEN: signed in, but this kind of caller or this user may not do it.
 */

/** Anyone who presented a valid credential, or the portal itself. */
export type AuthenticatedActor = Exclude<Actor, AnonymousActor>;

/** Who may do administrative things: an administrator, or the portal itself (CLI, scheduled jobs). */
export type AdministrativeActor = UserActor | SystemActor;

export function requireAuthenticated(actor: Actor): AuthenticatedActor {
  if (actor.kind === "anonymous")
    throw DomainError.unauthenticated("Sign in or present an access token first");
  return actor;
}

/** A signed-in person (browser session or personal access token); not a service account or the system. */
export function requireUser(actor: Actor): UserActor {
  const authenticated = requireAuthenticated(actor);
  if (authenticated.kind !== "user") {
    throw DomainError.forbidden(`This needs a user account; a ${describeKind(authenticated)} cannot do it`);
  }
  return authenticated;
}

export function requireVerifiedUser(actor: Actor): UserActor {
  const user = requireUser(actor);
  if (!user.emailVerified) {
    throw new DomainError(ErrorCode.EMAIL_NOT_VERIFIED, "Verify your e-mail address first");
  }
  return user;
}

/** An administrator, or the system actor (CLI and scheduled jobs run with full rights). */
export function requireAdmin(actor: Actor): AdministrativeActor {
  const authenticated = requireAuthenticated(actor);
  if (authenticated.kind === "system") return authenticated;
  if (authenticated.kind === "user" && authenticated.isAdmin) return authenticated;
  throw DomainError.forbidden("Only administrators may do this");
}

/**
 * Refuses changes by read-only credentials. Policies call it on every write, so the rule also holds for the REST
 * facade and the CLI; the GraphQL scope middleware enforces it once more for every mutation.
 */
export function requireWriteScope(actor: Actor): void {
  if ((actor.kind === "user" || actor.kind === "service") && actor.scope === "read") {
    throw new DomainError(
      ErrorCode.INSUFFICIENT_SCOPE,
      actor.kind === "service"
        ? `Service account "${actor.serviceAccountId}" is read-only and cannot change anything`
        : "This access token is read-only; use a token with the write scope to change anything",
    );
  }
}

export function isAdmin(actor: Actor): boolean {
  return actor.kind === "system" || (actor.kind === "user" && actor.isAdmin);
}

function describeKind(actor: UserActor | ServiceActor | SystemActor): string {
  switch (actor.kind) {
    case "user":
      return "user";
    case "service":
      return `service account ("${actor.serviceAccountId}")`;
    case "system":
      return "system job";
  }
}
