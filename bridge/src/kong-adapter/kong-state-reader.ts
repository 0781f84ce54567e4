import { segment, type KongAdminClient } from "./kong-admin-client.js";
import { collections } from "./kong-collections.js";
import type { KongNaming } from "./kong-naming.js";
import { aclKey, type ActualKongObject, type KongKind } from "./kong-objects.js";

type Entity = Record<string, unknown>;

function refId(entity: Entity, field: "service" | "consumer"): string | null {
  const ref = entity[field] as { id?: unknown } | null | undefined;
  return typeof ref?.id === "string" ? ref.id : null;
}

/** A parent we do not own (or that is gone) is named `#<id>`, so it never equals one of our keys. */
function refKey(names: ReadonlyMap<string, string>, id: string | null): string | null {
  return id === null ? null : (names.get(id) ?? `#${id}`);
}

/** Turns Kong's entities into the diff's shape; parents are named by key through the id → key maps. */
export function normalize(
  kind: KongKind,
  entity: Entity,
  serviceNames: ReadonlyMap<string, string>,
  consumerNames: ReadonlyMap<string, string>,
): ActualKongObject {
  const id = String(entity.id);
  const service = refKey(serviceNames, refId(entity, "service"));
  const consumer = refKey(consumerNames, refId(entity, "consumer"));
  const base = { id, fields: entity, owner: {} };
  const named = (value: unknown) => (typeof value === "string" && value.length > 0 ? value : `#${id}`);
  switch (kind) {
    case "service":
      return { ...base, kind, key: named(entity.name), refs: {} };
    case "route":
      return { ...base, kind, key: named(entity.name), refs: { service } };
    case "consumer":
      return { ...base, kind, key: named(entity.username), refs: {} };
    case "plugin":
      return { ...base, kind, key: named(entity.instance_name), refs: { service, consumer } };
    case "keyauth":
      return { ...base, kind, key: named(entity.key), refs: { consumer } };
    case "oauth2":
      return { ...base, kind, key: named(entity.client_id), refs: { consumer } };
    case "acl":
      return { ...base, kind, key: aclKey(consumer ?? "", String(entity.group)), refs: { consumer } };
  }
}

/**
 * Everything Kong holds under our tags: one paginated pass over each top-level collection with `?tags=` (the
 * only way Kong filters by tags), nothing else.
 */
export async function readOwnedState(
  client: KongAdminClient,
  naming: KongNaming,
): Promise<ActualKongObject[]> {
  const kinds = Object.keys(collections) as KongKind[];
  const lists = await Promise.all(
    kinds.map((kind) => client.list(collections[kind].path, { tags: naming.tagFilter })),
  );
  const byKind = new Map(kinds.map((kind, index) => [kind, lists[index] ?? []]));
  const names = (kind: KongKind, field: string) =>
    new Map(
      (byKind.get(kind) ?? []).map((e) => {
        const name = e[field];
        return [String(e.id), typeof name === "string" ? name : `#${String(e.id)}`];
      }),
    );
  const serviceNames = names("service", "name");
  const consumerNames = names("consumer", "username");
  return kinds.flatMap((kind) =>
    (byKind.get(kind) ?? []).map((entity) => normalize(kind, entity, serviceNames, consumerNames)),
  );
}

/**
 * Our objects of some consumers (for incremental reconciles): each consumer by username, then its credentials,
 * ACLs and plugins from its nested lists (Kong ignores `tags` there, so ownership is checked here). Parents of
 * its plugins are named through `serviceNames` (id → name of our services), fetched when unknown.
 */
export async function readConsumers(
  client: KongAdminClient,
  naming: KongNaming,
  usernames: readonly string[],
): Promise<ActualKongObject[]> {
  const found = await Promise.all(
    usernames.map(async (username) => {
      const consumer = await client.find(`/consumers/${segment(username)}`);
      if (!consumer || !naming.owns(consumer.tags as string[] | null)) return [];
      const path = `/consumers/${segment(String(consumer.id))}`;
      const [keys, clients, acls, plugins] = await Promise.all([
        client.list(`${path}/key-auth`),
        client.list(`${path}/oauth2`),
        client.list(`${path}/acls`),
        client.list(`${path}/plugins`),
      ]);
      return [
        { kind: "consumer" as const, entity: consumer },
        ...keys.map((entity) => ({ kind: "keyauth" as const, entity })),
        ...clients.map((entity) => ({ kind: "oauth2" as const, entity })),
        ...acls.map((entity) => ({ kind: "acl" as const, entity })),
        ...plugins.map((entity) => ({ kind: "plugin" as const, entity })),
      ].filter(({ entity }) => naming.owns(entity.tags as string[] | null));
    }),
  );
  const entities = found.flat();
  const consumerNames = new Map(
    entities
      .filter((e) => e.kind === "consumer")
      .map((e) => [String(e.entity.id), String(e.entity.username)]),
  );
  const serviceIds = new Set(
    entities.map((e) => refId(e.entity, "service")).filter((id): id is string => id !== null),
  );
  const serviceNames = new Map<string, string>();
  await Promise.all(
    [...serviceIds].map(async (id) => {
      const service = await client.find(`/services/${segment(id)}`);
      if (service && naming.owns(service.tags as string[] | null)) serviceNames.set(id, String(service.name));
    }),
  );
  return entities.map(({ kind, entity }) => normalize(kind, entity, serviceNames, consumerNames));
}
