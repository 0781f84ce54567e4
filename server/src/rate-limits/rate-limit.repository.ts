import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { Tables } from "../database/tables.js";

export interface CounterState {
  readonly bucket: string;
  readonly count: number;
  readonly windowEndsAt: string;
}

/** The current counters of the buckets (absent buckets have no row). */
export async function readCounters(db: Kysely<Tables>, buckets: readonly string[]): Promise<CounterState[]> {
  if (buckets.length === 0) return [];
  const rows = await db
    .selectFrom("rate_limit_counters")
    .select(["bucket", "count", "window_ends_at"])
    .where("bucket", "in", [...buckets])
    .execute();
  return rows.map((row) => ({
    bucket: row.bucket,
    count: Number(row.count),
    windowEndsAt: row.window_ends_at,
  }));
}

/**
 * Counts one event in the bucket with one atomic upsert, so concurrent replicas never lose a count: a bucket whose
 * window has ended starts a new window at 1.
 */
export async function incrementCounter(
  db: Kysely<Tables>,
  bucket: string,
  newWindowEndsAt: string,
  now: string,
): Promise<void> {
  await db
    .insertInto("rate_limit_counters")
    .values({ bucket, window_ends_at: newWindowEndsAt, count: 1 })
    .onConflict((conflict) =>
      conflict.column("bucket").doUpdateSet({
        count: sql<number>`case when rate_limit_counters.window_ends_at <= ${now} then 1 else rate_limit_counters.count + 1 end`,
        window_ends_at: sql<string>`case when rate_limit_counters.window_ends_at <= ${now} then excluded.window_ends_at else rate_limit_counters.window_ends_at end`,
      }),
    )
    .execute();
}

export async function deleteCounters(db: Kysely<Tables>, buckets: readonly string[]): Promise<void> {
  if (buckets.length === 0) return;
  await db
    .deleteFrom("rate_limit_counters")
    .where("bucket", "in", [...buckets])
    .execute();
}

/** Removes counters whose window has ended (they no longer limit anything). */
export async function deleteEndedCounters(db: Kysely<Tables>, now: string): Promise<number> {
  const result = await db
    .deleteFrom("rate_limit_counters")
    .where("window_ends_at", "<=", now)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
