import type { Api, Plan } from "../static-config/static-config.js";
import type { CatalogViewer } from "./catalog-viewer.js";

/**
 * How much of an API a viewer sees:
 * - `hidden`: nothing; asking for it by id answers NOT_FOUND, so its existence is not revealed;
 * - `listing`: name, summary, tags, auth method and flags (a `partner` API for non-members);
 * - `details`: also the description, the allowed plans and the OpenAPI document.
 */
export type ApiAccess = "hidden" | "listing" | "details";

/** Who sees which APIs and plans of the catalog. Every catalog and site-map answer is filtered through it. */
export const catalogPolicy = {
  /**
   * An API without `requiredGroup` is public (anonymous visitors included). With one, members of that group and
   * administrators see it; a `partner` API is also listed for everyone else, without details. Deprecated APIs stay
   * visible.
   */
  apiAccess(viewer: CatalogViewer, api: Api): ApiAccess {
    if (api.requiredGroup === undefined || viewer.isAdmin || viewer.groups.has(api.requiredGroup))
      return "details";
    return api.partner ? "listing" : "hidden";
  },

  /** A plan without `requiredGroup` is open to everyone; one with it to its members. Administrators see all. */
  planAllowed(viewer: CatalogViewer, plan: Plan): boolean {
    return plan.requiredGroup === undefined || viewer.isAdmin || viewer.groups.has(plan.requiredGroup);
  },

  /**
   * Whether the viewer could subscribe an application now: a verified user, an API that is not deprecated, whose
   * details the viewer sees, with at least one plan the viewer may choose.
   */
  maySubscribe(viewer: CatalogViewer, api: Api, access: ApiAccess, allowedPlanCount: number): boolean {
    return viewer.maySubscribe && !api.deprecated && access === "details" && allowedPlanCount > 0;
  },
} as const;
