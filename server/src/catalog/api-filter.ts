import { z } from "zod";
import type { VisibleApi } from "./catalog-views.js";

export const apiFilterSchema = z
  .strictObject({
    search: z.string().max(200, "must be at most 200 characters").nullish(),
    tag: z.string().max(100, "must be at most 100 characters").nullish(),
    includeDeprecated: z.boolean().nullish(),
  })
  .nullish();

/** A parsed filter, ready to test APIs against. */
export interface ApiMatcher {
  readonly terms: readonly string[];
  readonly tag: string | null;
  readonly includeDeprecated: boolean;
  /** True when nothing is filtered out (the common catalog request), so the view's list is used as is. */
  readonly matchesAll: boolean;
}

export function apiMatcher(filter: z.output<typeof apiFilterSchema>): ApiMatcher {
  const terms = (filter?.search ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const tag = filter?.tag?.trim().toLowerCase() || null;
  const includeDeprecated = filter?.includeDeprecated ?? true;
  return {
    terms,
    tag,
    includeDeprecated,
    matchesAll: terms.length === 0 && tag === null && includeDeprecated,
  };
}

/**
 * Every search word must occur in the name, summary or tags, or (for viewers who see the details) in the
 * description, so searching does not reveal what a hidden description says.
 */
export function apiMatches(matcher: ApiMatcher, { view, entry }: VisibleApi): boolean {
  if (!matcher.includeDeprecated && view.deprecated) return false;
  if (matcher.tag !== null && !entry.tagKeys.has(matcher.tag)) return false;
  return matcher.terms.every(
    (term) => entry.listingText.includes(term) || (view.detailsVisible && entry.detailText.includes(term)),
  );
}
