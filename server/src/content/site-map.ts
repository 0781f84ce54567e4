import type { ApiView } from "../catalog/catalog.types.js";
import type { ContentPageView, SiteMapEntry } from "./content.types.js";

/**
 * The places of the portal, in navigation order: the home page (titled with the portal's title), the API
 * catalog, each API (catalog order), each content page (menu order). Only what the viewer may see is passed in.
 */
export function buildSiteMap(
  portalTitle: string,
  apis: readonly ApiView[],
  pages: readonly ContentPageView[],
): SiteMapEntry[] {
  return [
    { kind: "home", title: portalTitle, path: "/" },
    { kind: "catalog", title: "APIs", path: "/apis" },
    ...apis.map((api) => ({ kind: "api" as const, title: api.name, path: `/apis/${api.id}` })),
    ...pages.map((page) => ({ kind: "content" as const, title: page.title, path: page.path })),
  ];
}
