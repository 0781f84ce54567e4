import type { LiveEvent } from "../events/live-event-feed.js";

/**
 * Turns followed live events into what a GraphQL subscription yields: `decide` runs for every event, re-checking
 * the caller's rights against fresh data, and returns the item to deliver, `undefined` to skip the event, or
 * `"end"` to close the stream (e.g. the caller's account was disabled). `return()` (a client unsubscribing) ends
 * the underlying follow at once, even while waiting.
 */
export function authorizedLiveStream<T>(
  source: AsyncIterableIterator<LiveEvent>,
  decide: (event: LiveEvent) => Promise<T | undefined | "end">,
): AsyncIterableIterator<T> {
  let done = false;
  const finish = async (): Promise<IteratorResult<T>> => {
    done = true;
    await source.return?.();
    return { done: true, value: undefined };
  };
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      while (!done) {
        const next = await source.next();
        if (next.done) break;
        const item = await decide(next.value);
        if (item === "end") return finish();
        if (item !== undefined && !done) return { done: false, value: item };
      }
      return { done: true, value: undefined };
    },
    return: finish,
    throw: finish,
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
