import { describe, expect, it } from "vitest";
import type { ConnectionPage } from "./connection-pages";
import { PagedList, type PageLoader } from "./paged-list.svelte";
import type { Loaded } from "./result";

/** A loader over `rows` in pages of two, recording the cursors it was asked for. */
function loaderOver(rows: readonly string[], calls: (string | null)[] = []): PageLoader<string> {
  return (after) => {
    calls.push(after);
    const start = after === null ? 0 : Number(after);
    const page: ConnectionPage<string> = {
      nodes: rows.slice(start, start + 2),
      totalCount: rows.length,
      nextCursor: start + 2 < rows.length ? String(start + 2) : null,
    };
    return Promise.resolve({ ok: true, data: page });
  };
}

const failing: PageLoader<string> = () =>
  Promise.resolve<Loaded<ConnectionPage<string>>>({
    ok: false,
    error: { code: "FORBIDDEN", message: "Not allowed.", fields: {} },
  });

describe("PagedList", () => {
  it("shows the first page, appends the next ones, and stops at the last", async () => {
    const list = new PagedList<string>();
    expect(list.items).toBeNull();
    expect(await list.show(loaderOver(["a", "b", "c", "d", "e"]))).toBe(true);
    expect(list.items).toEqual(["a", "b"]);
    expect(list.totalCount).toBe(5);
    expect(await list.showMore()).toBe(true);
    expect(await list.showMore()).toBe(true);
    expect(list.items).toEqual(["a", "b", "c", "d", "e"]);
    expect(list.nextCursor).toBeNull();
    expect(await list.showMore()).toBe(false);
    expect(list.busy).toBe(false);
  });

  it("starts over with a new loader, and continues with the loader of the rows shown", async () => {
    const list = new PagedList<string>();
    await list.show(loaderOver(["a", "b", "c"]));
    const calls: (string | null)[] = [];
    await list.show(loaderOver(["x", "y", "z"], calls));
    await list.showMore();
    expect(list.items).toEqual(["x", "y", "z"]);
    expect(calls).toEqual([null, "2"]);
  });

  it("keeps the rows and their loader when a load fails, and says why", async () => {
    const list = new PagedList<string>();
    const calls: (string | null)[] = [];
    await list.show(loaderOver(["a", "b", "c"], calls));
    expect(await list.show(failing)).toBe(false);
    expect(list.error?.message).toBe("Not allowed.");
    expect(list.items).toEqual(["a", "b"]);
    expect(await list.showMore()).toBe(true);
    expect(list.error).toBeNull();
    expect(list.items).toEqual(["a", "b", "c"]);
    expect(calls).toEqual([null, "2"]);
  });
});
