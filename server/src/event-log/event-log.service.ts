import type { Kysely } from "kysely";
import { z } from "zod";
import { system, type Actor } from "../actor/actor.js";
import { recordAudit } from "../audit/audit.recorder.js";
import type { Tables } from "../database/tables.js";
import { parseInput } from "../errors/input-validation.js";
import type { LiveEventFeed } from "../events/live-event-feed.js";
import { eventFilterOf, eventPatternsSchema } from "./event-filter.js";
import { followEventLog } from "./event-log-follower.js";
import { eventLogPolicy } from "./event-log.policy.js";
import { deleteLogEventsBefore } from "./event-log.repository.js";
import type { LogEvent } from "./event-log.types.js";

const DAY_MS = 24 * 60 * 60 * 1000;

const followInputSchema = z.object({
  from: z.number().int("must be a whole number").min(1, "must be a sequence number (1 or more)").nullish(),
  names: eventPatternsSchema.nullish(),
});

export interface EventLogFollowInput {
  /** First sequence to deliver (inclusive); null or absent: only what happens from now on. */
  readonly from?: number | null;
  /** Event names or patterns (`subscription.*`); null or empty: every event. */
  readonly names?: readonly string[] | null;
}

export interface EventLogServiceDeps {
  readonly db: Kysely<Tables>;
  readonly live: LiveEventFeed;
  /** `PORTAL_EVENT_LOG_RETENTION_DAYS`. */
  readonly retentionDays: number;
  readonly clock: () => Date;
}

/** The durable event log: the committed outbox, read in order, kept for the retention period. */
export class EventLogService {
  constructor(private readonly deps: EventLogServiceDeps) {}

  get retentionDays(): number {
    return this.deps.retentionDays;
  }

  /**
   * Stored events from `from` on, then live ones, in sequence order, without gaps or duplicates. Authorization and
   * input are checked before this returns, so transports can refuse instead of opening a stream.
   */
  follow(actor: Actor, input: EventLogFollowInput): AsyncIterableIterator<LogEvent> {
    eventLogPolicy.read(actor);
    const { from, names } = parseInput(followInputSchema, input);
    return followEventLog({
      db: this.deps.db,
      live: this.deps.live,
      filter: eventFilterOf(names),
      from: from ?? null,
    });
  }

  /**
   * Deletes events older than the retention period, whether or not every listener received them (retention is
   * independent of delivery), and records the purge in the audit log. Returns how many events were deleted.
   */
  async purgeExpiredEvents(now: Date = this.deps.clock()): Promise<number> {
    const cutoff = new Date(now.getTime() - this.deps.retentionDays * DAY_MS);
    return this.deps.db.transaction().execute(async (trx) => {
      const deleted = await deleteLogEventsBefore(trx, cutoff);
      if (deleted > 0) {
        await recordAudit(
          trx,
          system("event-log-retention"),
          {
            action: "event_log.purged",
            target: null,
            summary: { deleted, before: cutoff.toISOString(), retentionDays: this.deps.retentionDays },
          },
          now,
        );
      }
      return deleted;
    });
  }
}
