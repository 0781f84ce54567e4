/**
 * The double's database: one table per entity, rows in their stored (full) form, indexed by id,
 * by the unique fields, and by foreign key, so that 10,000s of rows stay fast. Tests may read and
 * change it directly (`double.store`) to simulate drift made behind the Admin API's back; such
 * changes are not validated.
 */
import type { EntityName } from "./field-schema.js";
import { ENTITIES } from "./entity-definitions.js";
import { isPlainObject } from "./schema-validation.js";

export type Row = Record<string, unknown> & { id: string };

const ENTITY_NAMES = Object.keys(ENTITIES) as EntityName[];

class Table {
  readonly rows = new Map<string, Row>();
  private readonly index = new Map<string, Set<string>>();
  private sortedIds: string[] | undefined;

  constructor(private readonly indexedFields: readonly string[]) {}

  ids(): string[] {
    this.sortedIds ??= [...this.rows.keys()].sort();
    return this.sortedIds;
  }

  findIds(field: string, value: unknown): string[] {
    return [...(this.index.get(indexKey(field, value)) ?? [])];
  }

  isIndexed(field: string): boolean {
    return this.indexedFields.includes(field);
  }

  put(row: Row): void {
    const previous = this.rows.get(row.id);
    if (previous) this.unindex(previous);
    else this.sortedIds = undefined;
    this.rows.set(row.id, row);
    for (const field of this.indexedFields) {
      const key = indexKey(field, row[field]);
      let ids = this.index.get(key);
      if (!ids) this.index.set(key, (ids = new Set()));
      ids.add(row.id);
    }
  }

  remove(id: string): Row | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    this.unindex(row);
    this.rows.delete(id);
    this.sortedIds = undefined;
    return row;
  }

  private unindex(row: Row): void {
    for (const field of this.indexedFields) this.index.get(indexKey(field, row[field]))?.delete(row.id);
  }
}

/** Foreign keys are indexed by the referenced id; other values by their JSON text. */
function indexKey(field: string, value: unknown): string {
  const plain = isPlainObject(value) && typeof value["id"] === "string" ? value["id"] : value;
  return `${field}\u0000${JSON.stringify(plain ?? null)}`;
}

export class KongStore {
  private tables = new Map<EntityName, Table>();

  constructor() {
    this.reset();
  }

  /** Empties every table. */
  reset(): void {
    this.tables = new Map(
      ENTITY_NAMES.map((name) => {
        const definition = ENTITIES[name];
        const fields = new Set([
          ...definition.uniqueFields,
          ...definition.foreignKeys.map((key) => key.field),
          ...(name === "acls" ? ["group"] : []),
        ]);
        return [name, new Table([...fields])];
      }),
    );
  }

  /** Rows in primary key order (Kong pages `ORDER BY id`). */
  list(entity: EntityName): Row[] {
    const table = this.table(entity);
    return table.ids().map((id) => table.rows.get(id)!);
  }

  /** Ids in ascending order, for paging. */
  sortedIds(entity: EntityName): readonly string[] {
    return this.table(entity).ids();
  }

  count(entity: EntityName): number {
    return this.table(entity).rows.size;
  }

  get(entity: EntityName, id: string): Row | undefined {
    return this.table(entity).rows.get(id);
  }

  /** Rows whose `field` equals `value`; a foreign key field matches the referenced id. */
  findAll(entity: EntityName, field: string, value: unknown): Row[] {
    const table = this.table(entity);
    if (table.isIndexed(field)) return table.findIds(field, value).map((id) => table.rows.get(id)!);
    const wanted = indexKey(field, value);
    return [...table.rows.values()].filter((row) => indexKey(field, row[field]) === wanted);
  }

  find(entity: EntityName, field: string, value: unknown): Row | undefined {
    return this.findAll(entity, field, value)[0];
  }

  /** Inserts or replaces the row with this id. */
  put(entity: EntityName, row: Row): void {
    this.table(entity).put(structuredClone(row));
  }

  /** Changes stored fields without any check (drift simulation). */
  update(entity: EntityName, id: string, changes: Record<string, unknown>): Row {
    const row = this.get(entity, id);
    if (!row) throw new Error(`no ${entity} row with id ${id}`);
    const updated = { ...row, ...structuredClone(changes), id };
    this.table(entity).put(updated);
    return updated;
  }

  /** Removes one row, without cascading. */
  remove(entity: EntityName, id: string): Row | undefined {
    return this.table(entity).remove(id);
  }

  private table(entity: EntityName): Table {
    const table = this.tables.get(entity);
    if (!table) throw new Error(`unknown entity ${entity}`);
    return table;
  }
}

/** Replaces every table of `target` with the rows of `source` (DB-less `POST /config` is atomic). */
export function replaceContents(target: KongStore, source: KongStore): void {
  target.reset();
  for (const name of ENTITY_NAMES) for (const row of source.list(name)) target.put(name, row);
}
