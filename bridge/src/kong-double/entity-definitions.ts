/**
 * What the double knows about each entity: its Admin API paths, endpoint key, unique fields,
 * foreign keys with their delete rule, and schema (CONTRACT.md §4–§8).
 */
import { aclSchema, basicAuthSchema, keyAuthSchema, oauth2CredentialSchema } from "./credential-entities.js";
import { consumerSchema, routeSchema, serviceSchema } from "./core-entities.js";
import type { EntityName, RecordSchema } from "./field-schema.js";
import { pluginSchema } from "./plugin-entity.js";

export interface ForeignKey {
  field: string;
  reference: EntityName;
  /** `cascade` deletes the children with the parent; `restrict` refuses to delete a referenced parent. */
  onDelete: "cascade" | "restrict";
}

export interface EntityDefinition {
  name: EntityName;
  /** Top-level collection path segment (`/key-auths`). */
  path: string;
  /** Unique field addressable in paths instead of the id. */
  endpointKey?: string;
  /** Single-field unique constraints. */
  uniqueFields: readonly string[];
  /** Composite unique key (plugin cache key, ACL consumer+group). */
  compositeUnique?: readonly string[];
  foreignKeys: readonly ForeignKey[];
  hasUpdatedAt: boolean;
  /** The schema to check an input against (plugins: the one of the named plugin). */
  schemaFor: (input: Record<string, unknown>) => RecordSchema;
}

const fixed = (schema: RecordSchema) => () => schema;

export const ENTITIES: Readonly<Record<EntityName, EntityDefinition>> = {
  services: {
    name: "services",
    path: "services",
    endpointKey: "name",
    uniqueFields: ["name"],
    foreignKeys: [],
    hasUpdatedAt: true,
    schemaFor: fixed(serviceSchema),
  },
  routes: {
    name: "routes",
    path: "routes",
    endpointKey: "name",
    uniqueFields: ["name"],
    foreignKeys: [{ field: "service", reference: "services", onDelete: "restrict" }],
    hasUpdatedAt: true,
    schemaFor: fixed(routeSchema),
  },
  consumers: {
    name: "consumers",
    path: "consumers",
    endpointKey: "username",
    uniqueFields: ["username", "custom_id"],
    foreignKeys: [],
    hasUpdatedAt: true,
    schemaFor: fixed(consumerSchema),
  },
  plugins: {
    name: "plugins",
    path: "plugins",
    endpointKey: "instance_name",
    uniqueFields: ["instance_name"],
    compositeUnique: ["name", "route", "service", "consumer"],
    foreignKeys: [
      { field: "route", reference: "routes", onDelete: "cascade" },
      { field: "service", reference: "services", onDelete: "cascade" },
      { field: "consumer", reference: "consumers", onDelete: "cascade" },
    ],
    hasUpdatedAt: true,
    schemaFor: (input) => pluginSchema(input["name"]),
  },
  keyauth_credentials: {
    name: "keyauth_credentials",
    path: "key-auths",
    endpointKey: "key",
    uniqueFields: ["key"],
    foreignKeys: [{ field: "consumer", reference: "consumers", onDelete: "cascade" }],
    hasUpdatedAt: false,
    schemaFor: fixed(keyAuthSchema),
  },
  acls: {
    name: "acls",
    path: "acls",
    uniqueFields: [],
    compositeUnique: ["consumer", "group"],
    foreignKeys: [{ field: "consumer", reference: "consumers", onDelete: "cascade" }],
    hasUpdatedAt: false,
    schemaFor: fixed(aclSchema),
  },
  oauth2_credentials: {
    name: "oauth2_credentials",
    path: "oauth2",
    endpointKey: "client_id",
    uniqueFields: ["client_id"],
    foreignKeys: [{ field: "consumer", reference: "consumers", onDelete: "cascade" }],
    hasUpdatedAt: false,
    schemaFor: fixed(oauth2CredentialSchema),
  },
  basicauth_credentials: {
    name: "basicauth_credentials",
    path: "basic-auths",
    endpointKey: "username",
    uniqueFields: ["username"],
    foreignKeys: [{ field: "consumer", reference: "consumers", onDelete: "cascade" }],
    hasUpdatedAt: false,
    schemaFor: fixed(basicAuthSchema),
  },
};

/** Nested collections `/<parent>/{p}/<path>` (§4): the child's foreign key is forced to the parent. */
export interface NestedCollection {
  parent: EntityName;
  path: string;
  child: EntityName;
  foreignKey: string;
  /** A field besides id that addresses a child within its parent (ACL groups). */
  childKey?: string;
}

export const NESTED_COLLECTIONS: readonly NestedCollection[] = [
  { parent: "services", path: "routes", child: "routes", foreignKey: "service" },
  { parent: "services", path: "plugins", child: "plugins", foreignKey: "service" },
  { parent: "routes", path: "plugins", child: "plugins", foreignKey: "route" },
  { parent: "consumers", path: "plugins", child: "plugins", foreignKey: "consumer" },
  { parent: "consumers", path: "key-auth", child: "keyauth_credentials", foreignKey: "consumer" },
  { parent: "consumers", path: "acls", child: "acls", foreignKey: "consumer", childKey: "group" },
  { parent: "consumers", path: "oauth2", child: "oauth2_credentials", foreignKey: "consumer" },
  { parent: "consumers", path: "basic-auth", child: "basicauth_credentials", foreignKey: "consumer" },
];

export function entityByPath(path: string): EntityDefinition | undefined {
  return Object.values(ENTITIES).find((definition) => definition.path === path);
}

/** The unique fields of a parent usable in `{"service":{"name":"x"}}` references. */
export function referenceKeys(entity: EntityName): string[] {
  const definition = ENTITIES[entity];
  return ["id", ...definition.uniqueFields];
}
