import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import { DomainError } from "../errors/domain-error.js";
import { newestSequence, positionBefore } from "../event-log/event-log.repository.js";

/** Where a listener starts: `now`, `earliest`, a sequence (inclusive) or a time (inclusive). */
export type StartPoint = "now" | "earliest" | number | Date;

/**
 * The position (sequence acknowledged up to) for a start point. A sequence may be at most one past the newest
 * event: starting later would silently skip events that do not exist yet.
 */
export async function positionFor(db: Kysely<Tables>, start: StartPoint, field: string): Promise<number> {
  if (start === "earliest") return 0;
  if (start === "now") return newestSequence(db);
  if (start instanceof Date) return positionBefore(db, start);
  const newest = await newestSequence(db);
  if (start > newest + 1) {
    throw DomainError.validation([
      {
        field,
        code: "AFTER_NEWEST_EVENT",
        message: `is after the newest event of the log (${newest}); use "now" to start with the next one`,
      },
    ]);
  }
  return start - 1;
}
