/**
 * The Kong objects the adapter owns, in one normalized shape for both sides of the diff: what the portal wants
 * (desired) and what Kong holds under our tags (actual). Parents are named by their keys, never by Kong ids, so
 * the two sides compare without knowing ids.
 */

export type KongKind = "service" | "route" | "consumer" | "plugin" | "keyauth" | "oauth2" | "acl";

/** Creates and updates go parents first; deletes children first (see `kong-diff.ts`). */
export const upsertOrder: readonly KongKind[] = [
  "service",
  "route",
  "consumer",
  "plugin",
  "keyauth",
  "oauth2",
  "acl",
];

export const deleteOrder: readonly KongKind[] = [
  "plugin",
  "keyauth",
  "oauth2",
  "acl",
  "route",
  "consumer",
  "service",
];

/** Keys of the parents: the service's name and the consumer's username. */
export interface KongRefs {
  readonly service?: string | null;
  readonly consumer?: string | null;
}

/** Whose object it is, for receipts: a consumer's objects name the subscription, a service's objects the API. */
export interface KongOwner {
  readonly subscriptionId?: string;
  readonly apiId?: string;
}

export interface KongObject {
  readonly kind: KongKind;
  /**
   * Unique per kind: service and route `name`, consumer `username`, plugin `instance_name`, key-auth `key`,
   * oauth2 `client_id`, acl `<username>|<group>`.
   */
  readonly key: string;
  /** The fields the adapter sets (parents excluded); only these are compared with Kong's object. */
  readonly fields: Readonly<Record<string, unknown>>;
  readonly refs: KongRefs;
  readonly owner: KongOwner;
}

/** An object as read from Kong, with its id. */
export interface ActualKongObject extends KongObject {
  readonly id: string;
}

export function aclKey(username: string, group: string): string {
  return `${username}|${group}`;
}

/** `service orders-prod.orders` – how operations and errors name an object. */
export function describeObject(object: Pick<KongObject, "kind" | "key">): string {
  const shown = object.kind === "keyauth" ? `${object.key.slice(0, 6)}…` : object.key;
  return `${object.kind} ${shown}`;
}
