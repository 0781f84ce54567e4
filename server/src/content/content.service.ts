import type { Actor } from "../actor/actor.js";
import type { CatalogService } from "../catalog/catalog.service.js";
import { catalogViewerOf } from "../catalog/catalog-viewer.js";
import { DomainError } from "../errors/domain-error.js";
import type { StaticConfig } from "../static-config/static-config.js";
import { contentIndexFor, type ContentIndex } from "./content-index.js";
import { contentPolicy } from "./content.policy.js";
import type { ContentPageView, SiteMapEntry } from "./content.types.js";
import { buildSiteMap } from "./site-map.js";

/**
 * The content pages of the static configuration (markdown rendered once) and the site map, as each viewer may see
 * them (see `content.policy.ts`).
 */
export class ContentService {
  private readonly index: ContentIndex;

  constructor(private readonly deps: { readonly config: StaticConfig; readonly catalog: CatalogService }) {
    this.index = contentIndexFor(deps.config);
  }

  /** The pages the actor sees, in menu order. */
  listPages(actor: Actor): readonly ContentPageView[] {
    const viewer = catalogViewerOf(actor);
    return this.index.pages
      .filter(({ page }) => contentPolicy.pageVisible(viewer, page))
      .map(({ view }) => view);
  }

  /** One page; NOT_FOUND when it does not exist or is restricted to a group the actor is not in. */
  getPage(actor: Actor, id: string): ContentPageView {
    const entry = this.index.byId.get(id);
    if (!entry || !contentPolicy.pageVisible(catalogViewerOf(actor), entry.page))
      throw DomainError.notFound("Content page", id);
    return entry.view;
  }

  /** Home, catalog, the visible APIs and the visible pages, with titles and portal paths. */
  siteMap(actor: Actor): SiteMapEntry[] {
    return buildSiteMap(
      this.deps.config.portal.title,
      this.deps.catalog.visibleApis(actor),
      this.listPages(actor),
    );
  }
}
