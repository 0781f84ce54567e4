/** A content page as the portal shows it; built once per configuration, shared between requests. */
export interface ContentPageView {
  /** Path below `content/` without `.md`, e.g. `contact` or `partners/onboarding`; also the page's slug. */
  readonly id: string;
  readonly title: string;
  /** Menu position; lower first, then by id. */
  readonly order: number;
  /** Portal path of the page: `/content/<id>`. */
  readonly path: string;
  /** The page's markdown as safe HTML. */
  readonly html: string;
}

export type SiteMapEntryKind = "home" | "catalog" | "api" | "content";

/** One place of the portal the viewer may visit. */
export interface SiteMapEntry {
  readonly kind: SiteMapEntryKind;
  readonly title: string;
  /** Path below the portal URL, e.g. `/apis/orders`. */
  readonly path: string;
}
