import type { CatalogIndex, IndexedApi } from "./catalog-index.js";
import { catalogPolicy } from "./catalog.policy.js";
import type { ApiTagCount, ApiView } from "./catalog.types.js";
import { viewerKey, type CatalogViewer } from "./catalog-viewer.js";

/** One visible API: the viewer's view of it and the viewer-independent index entry (search text, cursor). */
export interface VisibleApi {
  readonly view: ApiView;
  readonly entry: IndexedApi;
}

/** The catalog as one kind of viewer sees it. Shared by every viewer with the same key; never changed. */
export interface CatalogView {
  /** Visible APIs in catalog order. */
  readonly apis: readonly VisibleApi[];
  readonly byId: ReadonlyMap<string, VisibleApi>;
  /** Tags of the visible APIs with counts, by tag. */
  readonly tags: readonly ApiTagCount[];
}

function viewOf(entry: IndexedApi, viewer: CatalogViewer): ApiView | null {
  const access = catalogPolicy.apiAccess(viewer, entry.api);
  if (access === "hidden") return null;
  if (access === "listing") return entry.listing;
  const plans = entry.plans.filter((plan) => catalogPolicy.planAllowed(viewer, plan.plan));
  const subscribable = catalogPolicy.maySubscribe(viewer, entry.api, access, plans.length);
  if (plans.length === entry.plans.length && !subscribable) return entry.details;
  return Object.freeze({ ...entry.details, plans: plans.map((plan) => plan.view), subscribable });
}

function tagCounts(apis: readonly VisibleApi[]): ApiTagCount[] {
  const counts = new Map<string, number>();
  for (const { view } of apis) for (const tag of view.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}

function buildView(index: CatalogIndex, viewer: CatalogViewer): CatalogView {
  const apis = index.apis.flatMap((entry) => {
    const view = viewOf(entry, viewer);
    return view ? [{ view, entry }] : [];
  });
  return { apis, byId: new Map(apis.map((api) => [api.view.id, api])), tags: tagCounts(apis) };
}

/** Views kept at most; there are few distinct keys (group combinations), so this only bounds a pathology. */
const MAX_CACHED_VIEWS = 1_000;

/**
 * Per-viewer views of one catalog, computed on first use per viewer key and cached: a catalog request costs a map
 * lookup plus the filtering and slicing of its page.
 */
export class CatalogViews {
  private readonly cache = new Map<string, CatalogView>();

  constructor(private readonly index: CatalogIndex) {}

  viewFor(viewer: CatalogViewer): CatalogView {
    const key = viewerKey(viewer, this.index.relevantGroups);
    let view = this.cache.get(key);
    if (!view) {
      view = buildView(this.index, viewer);
      if (this.cache.size >= MAX_CACHED_VIEWS) this.cache.clear();
      this.cache.set(key, view);
    }
    return view;
  }
}

const viewsByIndex = new WeakMap<CatalogIndex, CatalogViews>();

/** The one view cache of a catalog index (services may be created per request in tests; the cache is not). */
export function catalogViewsOf(index: CatalogIndex): CatalogViews {
  let views = viewsByIndex.get(index);
  if (!views) {
    views = new CatalogViews(index);
    viewsByIndex.set(index, views);
  }
  return views;
}
