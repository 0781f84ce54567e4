import { sql, type Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { exportedTables } from "./exported-tables.js";

/** Names of the exported tables that exist and hold at least one row, in export order. */
export async function tablesHoldingData(db: Kysely<Tables>): Promise<string[]> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  const holding: string[] = [];
  for (const { table } of exportedTables) {
    if (!existing.has(table)) continue;
    const { rows } = await sql`select 1 as present from ${sql.table(table)} limit 1`.execute(db);
    if (rows.length > 0) holding.push(table);
  }
  return holding;
}

/** Deletes every row of every existing exported table, children before parents. */
export async function deleteAllRows(db: Kysely<Tables>): Promise<void> {
  const existing = new Set((await db.introspection.getTables()).map((t) => t.name));
  for (const { table } of [...exportedTables].reverse()) {
    if (existing.has(table)) await sql`delete from ${sql.table(table)}`.execute(db);
  }
}
