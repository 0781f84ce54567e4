/** Every page of the portal, with the parameters its path carries. */
export type Route =
  | { readonly name: "home" }
  | { readonly name: "catalog" }
  | { readonly name: "api"; readonly apiId: string }
  | { readonly name: "content"; readonly pageId: string }
  | { readonly name: "sign-up" }
  | { readonly name: "sign-in" }
  | { readonly name: "verify-email" }
  | { readonly name: "forgot-password" }
  | { readonly name: "reset-password" }
  | { readonly name: "profile" }
  | { readonly name: "confirm-email" }
  | { readonly name: "applications" }
  | { readonly name: "new-application" }
  | { readonly name: "application"; readonly applicationId: string }
  | { readonly name: "application-settings"; readonly applicationId: string }
  | { readonly name: "approvals" }
  | { readonly name: "admin"; readonly section: AdminSection }
  | { readonly name: "admin-user"; readonly userId: string }
  | { readonly name: "not-found" };

/** The administrators' pages under `/admin/…` (`overview` is `/admin` itself). */
export const adminSections = [
  "overview",
  "users",
  "applications",
  "audit-log",
  "webhooks",
  "health",
  "mail",
] as const;
export type AdminSection = (typeof adminSections)[number];

function adminPath(section: AdminSection): string {
  return section === "overview" ? "/admin" : `/admin/${section}`;
}

const fixed: Readonly<Record<string, Route>> = {
  "/": { name: "home" },
  "/apis": { name: "catalog" },
  "/signup": { name: "sign-up" },
  "/signin": { name: "sign-in" },
  "/verify-email": { name: "verify-email" },
  "/forgot-password": { name: "forgot-password" },
  "/reset-password": { name: "reset-password" },
  "/profile": { name: "profile" },
  "/confirm-email": { name: "confirm-email" },
  "/applications": { name: "applications" },
  "/applications/new": { name: "new-application" },
  "/approvals": { name: "approvals" },
  ...Object.fromEntries(
    adminSections.map((section): [string, Route] => [adminPath(section), { name: "admin", section }]),
  ),
};

/** One path segment, decoded; null when it is empty or not valid percent-encoding. */
function segment(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

/** The route a path (without query string) names; a trailing slash is ignored. */
export function matchRoute(path: string): Route {
  const normalized = path.length > 1 ? path.replace(/\/+$/, "") : path;
  const known = fixed[normalized];
  if (known) return known;
  const parts = normalized.split("/").slice(1);
  if (parts.length === 2) {
    const id = segment(parts[1]);
    if (id !== null) {
      if (parts[0] === "apis") return { name: "api", apiId: id };
      if (parts[0] === "content") return { name: "content", pageId: id };
      if (parts[0] === "applications") return { name: "application", applicationId: id };
    }
  }
  if (parts.length === 3 && parts[0] === "applications" && parts[2] === "settings") {
    const id = segment(parts[1]);
    if (id !== null) return { name: "application-settings", applicationId: id };
  }
  if (parts.length === 3 && parts[0] === "admin" && parts[1] === "users") {
    const id = segment(parts[2]);
    if (id !== null) return { name: "admin-user", userId: id };
  }
  return { name: "not-found" };
}

/** The path of a route (the inverse of {@link matchRoute}). */
export function pathOf(route: Route): string {
  switch (route.name) {
    case "api":
      return `/apis/${encodeURIComponent(route.apiId)}`;
    case "content":
      return `/content/${encodeURIComponent(route.pageId)}`;
    case "application":
      return `/applications/${encodeURIComponent(route.applicationId)}`;
    case "application-settings":
      return `/applications/${encodeURIComponent(route.applicationId)}/settings`;
    case "admin":
      return adminPath(route.section);
    case "admin-user":
      return `/admin/users/${encodeURIComponent(route.userId)}`;
    case "not-found":
      return "/404";
    case "home":
    case "catalog":
    case "sign-up":
    case "sign-in":
    case "verify-email":
    case "forgot-password":
    case "reset-password":
    case "profile":
    case "confirm-email":
    case "applications":
    case "new-application":
    case "approvals":
      return Object.entries(fixed).find(([, r]) => r.name === route.name)?.[0] ?? "/";
  }
}

/**
 * Whether a click on a link should be handled by the portal's router instead of the browser: a plain left click
 * on a same-origin link without a target or download attribute.
 */
export function isRouterClick(
  event: Pick<MouseEvent, "button" | "metaKey" | "ctrlKey" | "shiftKey" | "altKey" | "defaultPrevented">,
  anchor: { readonly href: string; readonly target: string; readonly hasDownload: boolean },
  origin: string,
): boolean {
  if (event.defaultPrevented || event.button !== 0) return false;
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return false;
  if (anchor.target && anchor.target !== "_self") return false;
  if (anchor.hasDownload) return false;
  let url: URL;
  try {
    url = new URL(anchor.href, origin);
  } catch {
    return false;
  }
  if (url.origin !== origin) return false;
  return !/^\/(graphql|healthz|readyz|metrics|webhooks|audit-log\.csv)(\/|$)/.test(url.pathname);
}
