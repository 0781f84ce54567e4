import type { Insertable, Kysely } from "kysely";
import type { Tables } from "../../server/src/database/tables.js";

/** Rows per INSERT statement, well below SQLite's and PostgreSQL's limits on bound parameters. */
export const DEFAULT_BATCH_ROWS = 1_000;

/** The rows of several tables that belong together, inserted in this order (parents first). */
export type RowBatch = { readonly [T in keyof Tables]?: readonly Insertable<Tables[T]>[] };

/**
 * Inserts each batch in its own transaction, one multi-row INSERT per table and `batchRows` rows. A batch holds
 * parents and children together, so every committed batch is consistent on its own.
 */
export async function insertBatches(
  db: Kysely<Tables>,
  batches: Iterable<RowBatch>,
  batchRows = DEFAULT_BATCH_ROWS,
): Promise<number> {
  let inserted = 0;
  for (const batch of batches) {
    await db.transaction().execute(async (trx) => {
      for (const [table, rows] of Object.entries(batch) as [keyof Tables, readonly object[]][]) {
        for (let start = 0; start < rows.length; start += batchRows) {
          const chunk = rows.slice(start, start + batchRows);
          // The rows were typed by `RowBatch` when the batch was built.
          await trx.insertInto(table).values(chunk).execute();
          inserted += chunk.length;
        }
      }
    });
  }
  return inserted;
}
