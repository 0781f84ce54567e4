import type { Kysely } from "kysely";
import type { Tables } from "../database/tables.js";
import type { LiveEventFeed } from "../events/live-event-feed.js";
import { matchesEventFilter } from "./event-filter.js";
import { newestSequence, readLogEventsAfter } from "./event-log.repository.js";
import type { EventFilter, LogEvent } from "./event-log.types.js";

export interface EventLogFollowerOptions {
  readonly db: Kysely<Tables>;
  readonly live: LiveEventFeed;
  readonly filter: EventFilter;
  /** First sequence to deliver; null: only events committed after the first read. */
  readonly from: number | null;
  /** Events read per statement while catching up. */
  readonly pageSize?: number;
}

/**
 * Replays the stored events from a sequence, then follows the log live, without gaps or duplicates: the live
 * feed is followed before anything is read, and its notifications only wake the reader, which always reads the
 * committed log after the last sequence it delivered. Since commit order equals sequence order
 * (`commit-order.ts`), "after the last delivered sequence" can never skip an event.
 *
 * Written as a plain iterator rather than an async generator, so that `return()` (a client unsubscribing) ends
 * the live follow at once, even while waiting for the next event.
 */
export function followEventLog(options: EventLogFollowerOptions): AsyncIterableIterator<LogEvent> {
  const pageSize = options.pageSize ?? 500;
  const live = options.live.follow((event) => matchesEventFilter(options.filter, event.name));
  let last: number | null = options.from === null ? null : options.from - 1;
  let buffered: LogEvent[] = [];
  let done = false;

  const waitForNewer = async (after: number): Promise<void> => {
    while (!done) {
      const next = await live.next();
      if (next.done) {
        done = true;
        return;
      }
      if (next.value.sequence > after) return;
    }
  };

  const refill = async (): Promise<void> => {
    last ??= await newestSequence(options.db);
    while (buffered.length === 0 && !done) {
      const page = await readLogEventsAfter(options.db, last, options.filter, pageSize);
      const newest = page.at(-1);
      if (newest) {
        buffered = page;
        last = newest.sequence;
        return;
      }
      await waitForNewer(last);
    }
  };

  const finish = async (): Promise<IteratorResult<LogEvent>> => {
    done = true;
    buffered = [];
    await live.return?.();
    return { done: true, value: undefined };
  };

  const iterator: AsyncIterableIterator<LogEvent> = {
    async next() {
      if (buffered.length === 0 && !done) await refill();
      const event = buffered.shift();
      return event && !done ? { done: false, value: event } : { done: true, value: undefined };
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
