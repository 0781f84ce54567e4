/**
 * Maps a request path onto the generated endpoints of CONTRACT.md §4:
 * `/E`, `/E/{k}`, `/E/{k}/<foreign key>`, `/P/{p}/E`, `/P/{p}/E/{k}`, plus the node endpoints.
 */
import type { EntityDefinition, ForeignKey, NestedCollection } from "./entity-definitions.js";
import { ENTITIES, NESTED_COLLECTIONS, entityByPath } from "./entity-definitions.js";

export type AdminRoute =
  | { kind: "root" }
  | { kind: "status" }
  | { kind: "config" }
  | { kind: "collection"; entity: EntityDefinition }
  | { kind: "entity"; entity: EntityDefinition; key: string }
  | { kind: "foreign"; entity: EntityDefinition; key: string; foreignKey: ForeignKey }
  | { kind: "nested-collection"; parent: EntityDefinition; parentKey: string; nested: NestedCollection }
  | {
      kind: "nested-entity";
      parent: EntityDefinition;
      parentKey: string;
      nested: NestedCollection;
      key: string;
    };

export function matchRoute(segments: readonly string[]): AdminRoute | undefined {
  const [first, second, third, fourth, ...rest] = segments;
  if (rest.length > 0) return undefined;
  if (first === undefined) return { kind: "root" };
  if (second === undefined && first === "status") return { kind: "status" };
  if (second === undefined && first === "config") return { kind: "config" };
  const entity = entityByPath(first);
  if (!entity) return undefined;
  if (second === undefined) return { kind: "collection", entity };
  if (third === undefined) return { kind: "entity", entity, key: second };
  const nested = NESTED_COLLECTIONS.find(
    (candidate) => candidate.parent === entity.name && candidate.path === third,
  );
  if (nested) {
    if (fourth === undefined) return { kind: "nested-collection", parent: entity, parentKey: second, nested };
    return { kind: "nested-entity", parent: entity, parentKey: second, nested, key: fourth };
  }
  const foreignKey = entity.foreignKeys.find((key) => key.field === third);
  if (foreignKey && fourth === undefined) return { kind: "foreign", entity, key: second, foreignKey };
  return undefined;
}

/** Methods Kong answers on a route (HEAD and OPTIONS come with GET). */
export function allowedMethods(route: AdminRoute): string[] {
  switch (route.kind) {
    case "root":
    case "status":
      return ["GET"];
    case "config":
    case "collection":
    case "nested-collection":
      return ["GET", "POST"];
    case "entity":
    case "nested-entity":
      return ["DELETE", "GET", "PATCH", "PUT"];
    case "foreign":
      return ["GET", "PATCH", "PUT"];
  }
}

export function childDefinition(nested: NestedCollection): EntityDefinition {
  return ENTITIES[nested.child];
}
