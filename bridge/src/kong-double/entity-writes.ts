/**
 * Inserts, replaces (PUT), updates (PATCH) and deletes with Kong's DAO rules (CONTRACT.md §4.1, §8):
 * references by name are resolved, defaults filled, the schema checked, foreign keys and unique
 * constraints enforced, and deletes cascade or are refused.
 */
import type { EntityDefinition } from "./entity-definitions.js";
import { ENTITIES, referenceKeys } from "./entity-definitions.js";
import type { KongStore, Row } from "./entity-store.js";
import type { FieldErrors } from "./field-errors.js";
import { addEntityError, hasErrors } from "./field-errors.js";
import { expandServiceUrl } from "./core-entities.js";
import { hashedBasicAuthPassword, hashedClientSecret } from "./credential-entities.js";
import {
  foreignKeyMissing,
  foreignKeyReferenced,
  foreignKeyUnresolved,
  primaryKeyViolation,
  schemaViolation,
  uniqueViolation,
} from "./kong-errors.js";
import { expandPluginShorthands, validatePlugin } from "./plugin-entity.js";
import { mergedForUpdate, withDefaults } from "./schema-defaults.js";
import { isPlainObject, isUuid, validateEntity } from "./schema-validation.js";
import { nowSeconds } from "./typedefs.js";
import { isLive } from "./entity-reads.js";

export type WriteKind = "insert" | "replace" | "update";

export class EntityWrites {
  constructor(private readonly store: KongStore) {}

  /** POST: `forced` holds fields taken from the URL (the parent of a nested collection). */
  insert(definition: EntityDefinition, input: unknown, forced: Record<string, unknown> = {}): Row {
    const body = this.prepareInput(definition, input, forced);
    if (typeof body["id"] === "string" && this.store.get(definition.name, body["id"])) {
      throw primaryKeyViolation(body["id"]);
    }
    const candidate = withDefaults(definition.schemaFor(body), body);
    return this.checkAndStore(definition, candidate, "insert", undefined);
  }

  /** PUT: full replacement of `existing` (kept id), or creation; the URL key wins over the body. */
  replace(
    definition: EntityDefinition,
    existing: Row | undefined,
    input: unknown,
    forced: Record<string, unknown>,
  ): Row {
    const body = this.prepareInput(definition, input, forced);
    if (existing) body["id"] = existing.id;
    const candidate = withDefaults(definition.schemaFor(body), body);
    if (!("created_at" in body)) candidate["created_at"] = nowSeconds();
    return this.checkAndStore(definition, candidate, "replace", existing);
  }

  /** PATCH: partial update; records merge field by field. */
  update(
    definition: EntityDefinition,
    existing: Row,
    input: unknown,
    forced: Record<string, unknown> = {},
  ): Row {
    const body = this.prepareInput(definition, input, forced);
    delete body["id"];
    // `PATCH /plugins/{id}` without `name` re-reads the stored name first (patch_plugin).
    const schemaInput = definition.name === "plugins" ? { name: existing["name"], ...body } : body;
    const candidate = mergedForUpdate(definition.schemaFor(schemaInput), existing, body);
    if (definition.hasUpdatedAt) candidate["updated_at"] = nowSeconds();
    const errors: FieldErrors = {};
    if (definition.name === "oauth2_credentials" && "hash_secret" in body !== "client_secret" in body) {
      addEntityError(errors, "all or none of these fields must be set: 'hash_secret', 'client_secret'");
    }
    return this.checkAndStore(definition, candidate, "update", existing, errors);
  }

  /** DELETE: refused while a `restrict` child references the row; cascades otherwise. */
  remove(definition: EntityDefinition, row: Row): void {
    for (const child of Object.values(ENTITIES)) {
      for (const key of child.foreignKeys) {
        if (key.reference !== definition.name || key.onDelete !== "restrict") continue;
        if (this.store.find(child.name, key.field, { id: row.id })) {
          throw foreignKeyReferenced(child.name, definition.name);
        }
      }
    }
    this.cascade(definition, row);
  }

  private cascade(definition: EntityDefinition, row: Row): void {
    this.store.remove(definition.name, row.id);
    for (const child of Object.values(ENTITIES)) {
      for (const key of child.foreignKeys) {
        if (key.reference !== definition.name || key.onDelete !== "cascade") continue;
        for (const dependent of this.store.findAll(child.name, key.field, { id: row.id })) {
          this.cascade(child, dependent);
        }
      }
    }
  }

  private prepareInput(
    definition: EntityDefinition,
    input: unknown,
    forced: Record<string, unknown>,
  ): Record<string, unknown> {
    if (!isPlainObject(input)) throw schemaViolation({ "@entity": ["expected a record"] });
    let body: Record<string, unknown> = { ...structuredClone(input), ...forced };
    if (definition.name === "services") body = expandServiceUrl(body);
    if (definition.name === "plugins") body = expandPluginShorthands(body);
    for (const key of definition.foreignKeys) {
      if (key.field in body)
        body[key.field] = this.resolveReference(key.field, key.reference, body[key.field]);
    }
    return body;
  }

  /** `{"service":{"name":"orders"}}` → `{"service":{"id":"…"}}`, else code 13 (§4). */
  private resolveReference(field: string, reference: EntityDefinition["name"], value: unknown): unknown {
    if (!isPlainObject(value) || "id" in value) return value;
    const [keyName] = Object.keys(value);
    if (keyName === undefined || !referenceKeys(reference).includes(keyName)) return value;
    const found = this.store.find(reference, keyName, value[keyName]);
    if (!found) throw foreignKeyUnresolved(field, reference, { [keyName]: value[keyName] });
    return { id: found.id };
  }

  private checkAndStore(
    definition: EntityDefinition,
    candidate: Record<string, unknown>,
    kind: WriteKind,
    existing: Row | undefined,
    errors: FieldErrors = {},
  ): Row {
    const found =
      definition.name === "plugins"
        ? validatePlugin(candidate)
        : validateEntity(definition.schemaFor(candidate), candidate);
    Object.assign(errors, found);
    if (hasErrors(errors)) throw schemaViolation(errors);
    const row = candidate as Row;
    this.checkForeignKeys(definition, row);
    this.checkUnique(definition, row);
    this.applySecrets(definition, row, kind, existing);
    this.store.put(definition.name, row);
    return this.store.get(definition.name, row.id)!;
  }

  private checkForeignKeys(definition: EntityDefinition, row: Row): void {
    for (const key of definition.foreignKeys) {
      const value = row[key.field];
      if (!isPlainObject(value)) continue;
      const id = String(value["id"]);
      if (!isUuid(id) || !this.store.get(key.reference, id))
        throw foreignKeyMissing(key.field, key.reference, { id });
    }
  }

  private checkUnique(definition: EntityDefinition, row: Row): void {
    const isOther = (other: Row) => other.id !== row.id && isLive(definition.name, other);
    for (const field of definition.uniqueFields) {
      const value = row[field];
      if (value === null || value === undefined) continue;
      if (this.store.findAll(definition.name, field, value).some(isOther))
        throw uniqueViolation({ [field]: value });
    }
    const composite = definition.compositeUnique;
    if (!composite) return;
    // Look rows up by the most selective indexed part: the foreign key with the fewest rows.
    const lookup = composite
      .filter((field) => definition.foreignKeys.some((key) => key.field === field) && row[field] !== null)
      .map((field) => ({ field, count: this.store.findAll(definition.name, field, row[field]).length }))
      .sort((a, b) => a.count - b.count)[0]?.field;
    const candidates = lookup
      ? this.store.findAll(definition.name, lookup, row[lookup])
      : this.store.list(definition.name);
    const sameKey = (other: Row) =>
      composite.every((field) => JSON.stringify(other[field] ?? null) === JSON.stringify(row[field] ?? null));
    if (candidates.some((other) => isOther(other) && sameKey(other))) {
      throw uniqueViolation(Object.fromEntries(composite.map((field) => [field, row[field] ?? null])));
    }
  }

  private applySecrets(
    definition: EntityDefinition,
    row: Row,
    kind: WriteKind,
    existing: Row | undefined,
  ): void {
    if (
      definition.name === "basicauth_credentials" &&
      (kind !== "update" || row["password"] !== existing?.["password"])
    ) {
      const consumer = row["consumer"] as { id: string };
      row["password"] = hashedBasicAuthPassword(String(row["password"]), consumer.id);
    }
    if (definition.name === "oauth2_credentials" && row["hash_secret"] === true) {
      row["client_secret"] = hashedClientSecret(String(row["client_secret"]));
    }
  }
}
