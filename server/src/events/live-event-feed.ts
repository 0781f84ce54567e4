import type { Kysely } from "kysely";
import type { Logger } from "pino";
import type { Tables } from "../database/tables.js";
import type { OutboxCommits } from "./outbox-commits.js";

/** An event as read back from the outbox, for live GraphQL subscriptions. */
export interface LiveEvent {
  readonly sequence: number;
  readonly name: string;
  readonly occurredAt: string;
  readonly subjectIds: Readonly<Record<string, string>>;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface LiveEventFeed {
  /** Events written after this call, in sequence order, until the iterator is returned (client unsubscribed). */
  follow(accept: (event: LiveEvent) => boolean): AsyncIterableIterator<LiveEvent>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export interface LiveEventFeedOptions {
  readonly db: Kysely<Tables>;
  readonly logger: Logger;
  /**
   * Wakes the feed right after events were committed (this process's commits, and other replicas' on
   * PostgreSQL), so followers see them within milliseconds; without it, only the poll finds them.
   */
  readonly commits?: OutboxCommits;
  /** How often the outbox is read while someone follows it: the safety net behind `commits`. */
  readonly intervalMs?: number;
  readonly batchSize?: number;
}

type Listener = { readonly accept: (event: LiveEvent) => boolean; readonly push: (event: LiveEvent) => void };

/**
 * Follows the outbox table. Reading the committed log (rather than publishing in-process) is what makes live
 * updates work with several server replicas: every replica sees every change, after its transaction committed.
 * The outbox is read only while at least one client follows: at once when `commits` signals new events, and
 * every `intervalMs` in case a signal was missed. Reads never overlap; a signal during a read makes another read
 * follow it, so an event committed just after a read's snapshot does not wait for the interval.
 */
export function createLiveEventFeed(options: LiveEventFeedOptions): LiveEventFeed {
  const intervalMs = options.intervalMs ?? 250;
  const batchSize = options.batchSize ?? 500;
  const listeners = new Set<Listener>();
  let lastSequence = 0;
  let timer: NodeJS.Timeout | undefined;
  let polling: Promise<void> | undefined;
  let again = false;
  let unsubscribe: (() => void) | undefined;

  const poll = async (): Promise<void> => {
    // Reset before the early return: a signal taken while the last follower was leaving must not make `tick`
    // re-run a read that returns at once, forever (an endless promise chain that starves all I/O).
    again = false;
    if (listeners.size === 0) return;
    const rows = await options.db
      .selectFrom("outbox_events")
      .selectAll()
      .where("sequence", ">", lastSequence)
      .orderBy("sequence")
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      lastSequence = row.sequence;
      const event: LiveEvent = {
        sequence: row.sequence,
        name: row.event_name,
        occurredAt: row.occurred_at,
        subjectIds: JSON.parse(row.subject_ids) as Record<string, string>,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
      };
      for (const listener of listeners) if (listener.accept(event)) listener.push(event);
    }
    if (rows.length === batchSize) again = true;
  };

  const tick = (): void => {
    polling ??= poll()
      .catch((error: unknown) =>
        options.logger.error({ err: error }, "reading the outbox for live updates failed"),
      )
      .finally(() => {
        polling = undefined;
        if (again) tick();
      });
  };

  const wake = (): void => {
    if (polling) again = true;
    else tick();
  };

  return {
    async start() {
      const newest = await options.db
        .selectFrom("outbox_events")
        .select((eb) => eb.fn.max("sequence").as("max"))
        .executeTakeFirst();
      lastSequence = Number(newest?.max ?? 0);
      timer = setInterval(tick, intervalMs);
      timer.unref();
      unsubscribe = options.commits?.subscribe(wake);
    },
    async stop() {
      unsubscribe?.();
      clearInterval(timer);
      again = false;
      await polling;
    },
    follow(accept) {
      const queue: LiveEvent[] = [];
      let wake: (() => void) | undefined;
      let done = false;
      const listener: Listener = {
        accept,
        push(event) {
          queue.push(event);
          wake?.();
        },
      };
      listeners.add(listener);
      const finish = (): Promise<IteratorResult<LiveEvent>> => {
        done = true;
        listeners.delete(listener);
        wake?.();
        return Promise.resolve({ done: true, value: undefined });
      };
      const iterator: AsyncIterableIterator<LiveEvent> = {
        async next() {
          while (queue.length === 0 && !done) await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
          const event = queue.shift();
          return event ? { done: false, value: event } : { done: true, value: undefined };
        },
        return: finish,
        throw: finish,
        [Symbol.asyncIterator]() {
          return iterator;
        },
      };
      return iterator;
    },
  };
}
