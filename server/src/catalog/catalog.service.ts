import { z } from "zod";
import type { Actor } from "../actor/actor.js";
import { DomainError } from "../errors/domain-error.js";
import { parseInput } from "../errors/input-validation.js";
import type { Page, PageRequest } from "../graphql/connection.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { apiFilterSchema, apiMatcher, apiMatches } from "./api-filter.js";
import { catalogIndexFor, compareCatalogKeys } from "./catalog-index.js";
import { catalogViewerOf } from "./catalog-viewer.js";
import { catalogViewsOf, type CatalogView, type CatalogViews, type VisibleApi } from "./catalog-views.js";
import type { ApiFilter, ApiTagCount, ApiView } from "./catalog.types.js";

/** Wrapped so that field errors are named as in the query: `filter.search`. */
const listInputSchema = z.object({ filter: apiFilterSchema });

function afterKey(after: readonly (string | number)[] | null): readonly [string, string] | null {
  if (after === null) return null;
  const [name, id] = after;
  if (after.length !== 2 || typeof name !== "string" || typeof id !== "string") {
    throw DomainError.validation([
      { field: "after", code: "INVALID_CURSOR", message: "is not a cursor of the API catalog" },
    ]);
  }
  return [name, id];
}

/** Index of the first API after the cursor in catalog order (binary search; the list is sorted). */
function startAfter(apis: readonly VisibleApi[], key: readonly [string, string] | null): number {
  if (key === null) return 0;
  let low = 0;
  let high = apis.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const api = apis[middle]?.entry.api;
    if (api && compareCatalogKeys([api.name, api.id], key) <= 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The API catalog of the static configuration, as each viewer may see it (see `catalog.policy.ts`). Read-only
 * and in memory: the configuration is immutable at runtime, so everything is prepared once per configuration
 * and views are cached per kind of viewer.
 */
export class CatalogService {
  private readonly views: CatalogViews;

  constructor(deps: { readonly config: StaticConfig }) {
    this.views = catalogViewsOf(catalogIndexFor(deps.config));
  }

  /** The APIs the actor sees, filtered, in catalog order (name, then id), one page. */
  listApis(actor: Actor, filter: ApiFilter | null | undefined, page: PageRequest): Page<ApiView> {
    const parsed = parseInput(listInputSchema, { filter: filter ? { ...filter } : null });
    const matcher = apiMatcher(parsed.filter);
    const all = this.viewOf(actor).apis;
    const matching = matcher.matchesAll ? all : all.filter((api) => apiMatches(matcher, api));
    const start = startAfter(matching, afterKey(page.after));
    const slice = matching.slice(start, start + page.first);
    return {
      items: slice.map(({ view, entry }) => ({ cursor: entry.cursor, node: view })),
      hasNextPage: start + page.first < matching.length,
      totalCount: matching.length,
    };
  }

  /** One API the actor sees; NOT_FOUND otherwise (the same answer as for an id that does not exist). */
  getApi(actor: Actor, id: string): ApiView {
    const api = this.findApi(actor, id);
    if (!api) throw DomainError.notFound("API", id);
    return api;
  }

  /** One API the actor sees, or null: for other nouns that show an API next to their own objects. */
  findApi(actor: Actor, id: string): ApiView | null {
    return this.viewOf(actor).byId.get(id)?.view ?? null;
  }

  /** Every API the actor sees, in catalog order (for the site map). */
  visibleApis(actor: Actor): readonly ApiView[] {
    return this.viewOf(actor).apis.map((api) => api.view);
  }

  /** The tags of the APIs the actor sees, with the number of APIs per tag, by tag. */
  apiTags(actor: Actor): readonly ApiTagCount[] {
    return this.viewOf(actor).tags;
  }

  private viewOf(actor: Actor): CatalogView {
    return this.views.viewFor(catalogViewerOf(actor));
  }
}
