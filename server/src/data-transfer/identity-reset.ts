import { sql, type Kysely } from "kysely";
import type { Dialect } from "../database/database.types.js";
import type { Tables } from "../database/tables.js";

/**
 * After rows were inserted with explicit values, makes the next database-assigned value follow the largest one
 * (or start at 1 when the table is empty), exactly as in the database the dump came from.
 */
export async function resetIdentity(db: Kysely<Tables>, dialect: Dialect, table: string, column: string) {
  const { rows } = await sql<{ max: number | string | null }>`
    select max(${sql.ref(column)}) as max from ${sql.table(table)}`.execute(db);
  const max = rows[0]?.max ?? null;
  if (dialect === "postgres") {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), ${max ?? 1}, ${max !== null})`.execute(
      db,
    );
    return;
  }
  await sql`delete from sqlite_sequence where name = ${table}`.execute(db);
  if (max !== null) await sql`insert into sqlite_sequence (name, seq) values (${table}, ${max})`.execute(db);
}
