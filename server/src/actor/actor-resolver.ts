import type { Actor, CallOrigin } from "./actor.js";

/** The credentials a request may carry: a browser session cookie and/or an `Authorization: Bearer` token. */
export interface Credentials {
  readonly sessionToken: string | null;
  readonly bearerToken: string | null;
}

/**
 * Turns credentials into the calling actor. No credentials → anonymous; a credential that is invalid, expired or
 * belongs to a disabled account → UNAUTHENTICATED (never silently anonymous, so scripts learn their token broke).
 */
export type ActorResolver = (credentials: Credentials, origin: CallOrigin) => Promise<Actor>;
