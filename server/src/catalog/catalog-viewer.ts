import type { Actor } from "../actor/actor.js";

/**
 * What the catalog needs to know about whoever looks at it: the same actor always makes the same viewer, and
 * viewers with the same {@link CatalogViewer.key} see exactly the same catalog (so views can be cached by it).
 */
export interface CatalogViewer {
  /** Administrators and the system actor see every API, plan and page. */
  readonly isAdmin: boolean;
  /** Ids of the viewer's groups (`groups.yaml` ids; `altIds` are only for mapping identity-provider groups). */
  readonly groups: ReadonlySet<string>;
  /** A signed-in person with a verified e-mail address: the only kind of viewer that can subscribe. */
  readonly maySubscribe: boolean;
}

const noGroups: ReadonlySet<string> = new Set();

/**
 * The viewer an actor is in the catalog:
 * - anonymous visitors and service accounts: no groups, no subscriptions (public APIs and pages only);
 * - users: their groups, subscriptions once the e-mail address is verified (read-only tokens included: the
 *   subscription itself is refused by the write scope, not by the catalog);
 * - administrators and the system actor: everything.
 */
export function catalogViewerOf(actor: Actor): CatalogViewer {
  switch (actor.kind) {
    case "anonymous":
    case "service":
      return { isAdmin: false, groups: noGroups, maySubscribe: false };
    case "system":
      return { isAdmin: true, groups: noGroups, maySubscribe: false };
    case "user":
      return { isAdmin: actor.isAdmin, groups: new Set(actor.groups), maySubscribe: actor.emailVerified };
  }
}

/**
 * A short string that is equal for two viewers exactly when they see the same catalog: the admin flag, whether
 * they may subscribe, and those of their groups that any API, plan or page requires (`relevantGroups`).
 */
export function viewerKey(viewer: CatalogViewer, relevantGroups: ReadonlySet<string>): string {
  const flags = `${viewer.isAdmin ? "A" : "-"}${viewer.maySubscribe ? "S" : "-"}`;
  if (viewer.isAdmin) return flags;
  const groups = [...viewer.groups].filter((group) => relevantGroups.has(group)).sort();
  return `${flags}:${groups.join(",")}`;
}
