/**
 * Lookups by path segment (CONTRACT.md §4: a UUID is always an id, anything else the endpoint
 * key) and the response form of rows (§5–§7).
 */
import type { EntityDefinition, NestedCollection } from "./entity-definitions.js";
import type { KongStore, Row } from "./entity-store.js";
import type { EntityName } from "./field-schema.js";
import { invalidPrimaryKey } from "./kong-errors.js";
import { withPluginShorthands } from "./plugin-entity.js";
import { isUuid } from "./schema-validation.js";
import { nowSeconds } from "./typedefs.js";

/** key-auth rows with a `ttl` disappear once it has run out (Kong filters them on read). */
export function isLive(entity: EntityName, row: Row): boolean {
  if (entity !== "keyauth_credentials" || typeof row["ttl"] !== "number") return true;
  return Number(row["created_at"]) + row["ttl"] > nowSeconds();
}

/** The row a top-level path segment names, or undefined. */
export function findByPathKey(
  store: KongStore,
  definition: EntityDefinition,
  segment: string,
): Row | undefined {
  let row: Row | undefined;
  if (isUuid(segment)) row = store.get(definition.name, segment.toLowerCase());
  else if (definition.endpointKey) row = store.find(definition.name, definition.endpointKey, segment);
  else throw invalidPrimaryKey(segment);
  return row && isLive(definition.name, row) ? row : undefined;
}

/** The child a nested path names, only when it belongs to the parent (else undefined → 404). */
export function findChild(
  store: KongStore,
  nested: NestedCollection,
  child: EntityDefinition,
  parent: Row,
  segment: string,
): Row | undefined {
  let row: Row | undefined;
  if (isUuid(segment)) row = store.get(child.name, segment.toLowerCase());
  else if (nested.childKey) {
    row = store
      .findAll(child.name, nested.foreignKey, { id: parent.id })
      .find((candidate) => candidate[nested.childKey!] === segment);
  } else if (child.endpointKey) row = store.find(child.name, child.endpointKey, segment);
  if (!row || !isLive(child.name, row)) return undefined;
  const owner = row[nested.foreignKey] as { id?: string } | null;
  return owner?.id === parent.id ? row : undefined;
}

/** The JSON Kong returns for a row. */
export function rendered(entity: EntityName, row: Row): Record<string, unknown> {
  if (entity === "plugins") return withPluginShorthands(row);
  if (entity === "keyauth_credentials" && typeof row["ttl"] === "number") {
    return { ...row, ttl: Math.max(0, Number(row["created_at"]) + row["ttl"] - nowSeconds()) };
  }
  return row;
}
