/**
 * Collection paging (CONTRACT.md §3): `size` 1..1000 (default 100), rows in id order, an opaque
 * `offset` (base64 without padding of the JSON array of the last row's id, like Kong's postgres
 * strategy) only when more rows exist, and `next` as a relative path.
 */
import { invalidOffset, invalidSize } from "./kong-errors.js";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export function parsePageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  const size = Number(raw);
  if (raw.trim() === "" || Number.isNaN(size)) throw invalidSize("size must be a number");
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw invalidSize(`size must be an integer between 1 and ${MAX_PAGE_SIZE}`);
  }
  return size;
}

export function encodeOffset(lastId: string): string {
  return Buffer.from(JSON.stringify([lastId]))
    .toString("base64")
    .replace(/=+$/, "");
}

/** The id after which the page starts. */
export function decodeOffset(offset: string): string {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(offset) || offset.replace(/=+$/, "").length % 4 === 1) {
    throw invalidOffset(offset, "bad base64 encoding");
  }
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(offset, "base64").toString("utf8"));
  } catch {
    throw invalidOffset(offset, "bad json encoding");
  }
  if (!Array.isArray(key) || typeof key[0] !== "string") throw invalidOffset(offset, "bad json encoding");
  return key[0];
}

export interface Page<T> {
  data: T[];
  /** Id of the last row, present when more rows follow. */
  offset?: string;
}

/** Takes one page from rows sorted by id, starting after the offset's id. */
export function pageOf<T extends { id: string }>(
  rows: readonly T[],
  size: number,
  offset: string | undefined,
): Page<T> {
  let start = 0;
  if (offset !== undefined) {
    const after = decodeOffset(offset);
    start = firstIndexAfter(rows, after);
  }
  const data = rows.slice(start, start + size);
  const more = start + size < rows.length;
  return more ? { data, offset: encodeOffset(data[data.length - 1]!.id) } : { data };
}

function firstIndexAfter(rows: readonly { id: string }[], id: string): number {
  let low = 0;
  let high = rows.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (rows[middle]!.id <= id) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** `next` of a collection: the offset plus, on top-level lists, the `tags` and `size` given. */
export function nextLink(
  path: string,
  offset: string,
  carry: { tags?: string | undefined; size?: string | undefined },
): string {
  let link = `${path}?offset=${encodeURIComponent(offset)}`;
  if (carry.tags !== undefined) link += `&tags=${encodeURIComponent(carry.tags)}`;
  if (carry.size !== undefined) link += `&size=${carry.size}`;
  return link;
}
