import type { Actor } from "../actor/actor.js";
import type { PortalServices } from "../app/portal-services.js";

/** Sets or clears the browser session cookie; a no-op on WebSocket operations. */
export interface SessionCookieWriter {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

/** What every resolver receives: who is calling, the services, and per-request batch loaders. */
export interface GraphQLContext {
  readonly actor: Actor;
  readonly requestId: string;
  readonly services: PortalServices;
  readonly sessionCookie: SessionCookieWriter;
  /** Per-request memo for DataLoaders, so nested queries batch their SQL. Keyed by loader name. */
  readonly loaders: Map<string, unknown>;
}

/** Returns the request's loader of that name, creating it on first use. */
export function loader<T>(context: GraphQLContext, name: string, create: () => T): T {
  let existing = context.loaders.get(name) as T | undefined;
  if (existing === undefined) {
    existing = create();
    context.loaders.set(name, existing);
  }
  return existing;
}
