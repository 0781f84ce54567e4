/** Where a call came from; recorded in the audit log. */
export interface CallOrigin {
  readonly address: string | null;
  readonly userAgent: string | null;
  readonly requestId: string | null;
}

/** What a credential may do: read-only tokens may only run queries. */
export type AccessScope = "read" | "write";

export interface AnonymousActor {
  readonly kind: "anonymous";
  readonly origin: CallOrigin;
}

export interface UserActor {
  readonly kind: "user";
  readonly userId: string;
  readonly email: string;
  readonly emailVerified: boolean;
  readonly groups: readonly string[];
  readonly isAdmin: boolean;
  readonly isApprover: boolean;
  /** How the user authenticated: a browser session or a personal access token. */
  readonly via:
    | { readonly kind: "session"; readonly sessionId: string }
    | { readonly kind: "token"; readonly tokenId: string };
  readonly scope: AccessScope;
  readonly origin: CallOrigin;
}

/** A non-human caller (bridge, listeners) authenticated by a token from the runtime configuration. */
export interface ServiceActor {
  readonly kind: "service";
  readonly serviceAccountId: string;
  readonly scope: AccessScope;
  readonly origin: CallOrigin;
}

/** The portal itself: CLI commands, boot-time provisioning, scheduled jobs. */
export interface SystemActor {
  readonly kind: "system";
  readonly reason: string;
  readonly origin: CallOrigin;
}

export type Actor = AnonymousActor | UserActor | ServiceActor | SystemActor;

export const noOrigin: CallOrigin = { address: null, userAgent: null, requestId: null };

export function anonymous(origin: CallOrigin = noOrigin): AnonymousActor {
  return { kind: "anonymous", origin };
}

export function system(reason: string): SystemActor {
  return { kind: "system", reason, origin: noOrigin };
}

/** The id recorded as "who did it" in the audit log and events. */
export function actorId(actor: Actor): string | null {
  switch (actor.kind) {
    case "user":
      return actor.userId;
    case "service":
      return actor.serviceAccountId;
    case "system":
      return `system:${actor.reason}`;
    case "anonymous":
      return null;
  }
}
