import { renderMarkdown } from "../markdown/markdown.js";
import type { ContentPage, StaticConfig } from "../static-config/static-config.js";
import type { ContentPageView } from "./content.types.js";

/** A content page with its view rendered. */
export interface IndexedPage {
  readonly page: ContentPage;
  readonly view: ContentPageView;
}

/** The content pages of a configuration, in menu order (as configured: by order, then id), and by id. */
export interface ContentIndex {
  readonly pages: readonly IndexedPage[];
  readonly byId: ReadonlyMap<string, IndexedPage>;
}

function buildContentIndex(config: StaticConfig): ContentIndex {
  const pages = config.content.map((page) => ({
    page,
    view: Object.freeze({
      id: page.id,
      title: page.title,
      order: page.order,
      path: `/content/${page.id}`,
      html: renderMarkdown(page.markdown),
    }),
  }));
  return { pages, byId: new Map(pages.map((entry) => [entry.page.id, entry])) };
}

const indexes = new WeakMap<StaticConfig, ContentIndex>();

/** The content of a configuration, rendered on first use and kept as long as the (immutable) configuration. */
export function contentIndexFor(config: StaticConfig): ContentIndex {
  let index = indexes.get(config);
  if (!index) {
    index = buildContentIndex(config);
    indexes.set(config, index);
  }
  return index;
}
