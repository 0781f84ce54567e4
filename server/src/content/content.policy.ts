import type { CatalogViewer } from "../catalog/catalog-viewer.js";
import type { ContentPage } from "../static-config/static-config.js";

/** Who sees which content pages. Every content and site-map answer is filtered through it. */
export const contentPolicy = {
  /** A page without `requiredGroup` is public (anonymous visitors included); one with it is for its members and administrators. */
  pageVisible(viewer: CatalogViewer, page: ContentPage): boolean {
    return page.requiredGroup === undefined || viewer.isAdmin || viewer.groups.has(page.requiredGroup);
  },
} as const;
