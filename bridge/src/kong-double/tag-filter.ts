/**
 * The `?tags=` filter of top-level collections (CONTRACT.md §3.1; `endpoints.lua:extract_options`):
 * `a,b` is AND, `a/b` is OR, at most 5 tags, no mixing, not empty.
 */
import { invalidTagsOption } from "./kong-errors.js";

const TAG_BYTES = "\\x20-\\x2B\\x2D\\x2E\\x30-\\x7E\\u0080-\\u{10FFFF}";
const TAGS_AND = new RegExp(`^([${TAG_BYTES}]+(?:,|$))+$`, "u");
const TAGS_OR = new RegExp(`^([${TAG_BYTES}]+(?:/|$))+$`, "u");
const MAX_TAGS = 5;

export interface TagFilter {
  mode: "and" | "or";
  tags: string[];
}

export function parseTagFilter(raw: string): TagFilter {
  if (raw === "") throw invalidTagsOption("cannot be null");
  let filter: TagFilter;
  if (TAGS_AND.test(raw)) filter = { mode: "and", tags: raw.split(",").filter((tag) => tag !== "") };
  else if (TAGS_OR.test(raw)) filter = { mode: "or", tags: raw.split("/").filter((tag) => tag !== "") };
  else throw invalidTagsOption("invalid filter syntax");
  if (filter.tags.length > MAX_TAGS) throw invalidTagsOption(`cannot query more than ${MAX_TAGS} tags`);
  return filter;
}

export function matchesTags(filter: TagFilter, tags: unknown): boolean {
  if (!Array.isArray(tags)) return false;
  return filter.mode === "and"
    ? filter.tags.every((tag) => tags.includes(tag))
    : filter.tags.some((tag) => tags.includes(tag));
}
