import type { ShownError } from "../errors/error-messages";
import type { ConnectionPage } from "./connection-pages";
import type { Loaded } from "./result";

/** Loads one page of a list for one filter: the first page with `after` null. */
export type PageLoader<T> = (after: string | null) => Promise<Loaded<ConnectionPage<T>>>;

/**
 * What a paged admin list shows: the rows loaded so far (null before the first answer), the total, where the next
 * page starts, the last error, and whether a request is under way. `show` starts over with a loader (the filter as
 * applied); `showMore` continues with the loader of the rows shown, so a filter edited but not applied yet never
 * mixes into the list.
 */
export class PagedList<T> {
  items = $state<readonly T[] | null>(null);
  totalCount = $state(0);
  nextCursor = $state<string | null>(null);
  error = $state<ShownError | null>(null);
  busy = $state(false);
  #shown: PageLoader<T> | null = null;

  /** Replaces the rows with the first page of `loader`; false (and `error` set, the rows kept) when it failed. */
  show(loader: PageLoader<T>): Promise<boolean> {
    return this.#load(loader, null);
  }

  /** Appends the next page of the rows shown; false when it failed or there is none. */
  async showMore(): Promise<boolean> {
    if (this.#shown === null || this.nextCursor === null) return false;
    return this.#load(this.#shown, this.nextCursor);
  }

  async #load(loader: PageLoader<T>, after: string | null): Promise<boolean> {
    this.busy = true;
    const result = await loader(after);
    this.busy = false;
    if (!result.ok) {
      this.error = result.error;
      return false;
    }
    this.error = null;
    this.#shown = loader;
    this.items = after === null ? result.data.nodes : [...(this.items ?? []), ...result.data.nodes];
    this.totalCount = result.data.totalCount;
    this.nextCursor = result.data.nextCursor;
    return true;
  }
}
