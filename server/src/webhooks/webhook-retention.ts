import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { deleteAttemptsBefore } from "./webhook-attempt.repository.js";
import { deleteDeadLettersBefore } from "./webhook-dead-letter.repository.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes dead letters and delivery attempts older than the event log's retention period (they would otherwise
 * grow without bound for a listener that keeps failing). Returns how many rows were deleted.
 */
export async function purgeExpiredWebhookRecords(
  db: Kysely<Tables>,
  retentionDays: number,
  now: Date,
): Promise<number> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  return (await deleteDeadLettersBefore(db, cutoff)) + (await deleteAttemptsBefore(db, cutoff));
}
