import { describe, expect, it } from "vitest";
import { isRouterClick, matchRoute, pathOf, type Route } from "./routes";

describe("matchRoute", () => {
  it.each<[string, Route]>([
    ["/", { name: "home" }],
    ["/apis", { name: "catalog" }],
    ["/apis/", { name: "catalog" }],
    ["/apis/orders", { name: "api", apiId: "orders" }],
    ["/apis/inventory%20v1", { name: "api", apiId: "inventory v1" }],
    ["/content/privacy-policy", { name: "content", pageId: "privacy-policy" }],
    ["/signup", { name: "sign-up" }],
    ["/signin", { name: "sign-in" }],
    ["/verify-email", { name: "verify-email" }],
    ["/forgot-password", { name: "forgot-password" }],
    ["/reset-password", { name: "reset-password" }],
    ["/profile", { name: "profile" }],
    ["/confirm-email", { name: "confirm-email" }],
    ["/applications", { name: "applications" }],
    ["/applications/new", { name: "new-application" }],
    ["/applications/my-app", { name: "application", applicationId: "my-app" }],
    ["/applications/my-app/settings", { name: "application-settings", applicationId: "my-app" }],
    ["/applications/my-app/other", { name: "not-found" }],
    ["/approvals", { name: "approvals" }],
    ["/admin", { name: "admin", section: "overview" }],
    ["/admin/users", { name: "admin", section: "users" }],
    ["/admin/audit-log", { name: "admin", section: "audit-log" }],
    ["/admin/webhooks", { name: "admin", section: "webhooks" }],
    ["/admin/users/usr_1%2F2", { name: "admin-user", userId: "usr_1/2" }],
    ["/admin/nothing", { name: "not-found" }],
    ["/admin/users/a/b", { name: "not-found" }],
    ["/apis/orders/extra", { name: "not-found" }],
    ["/apis/%E0%A4%A", { name: "not-found" }],
    ["/nothing-here", { name: "not-found" }],
  ])("%s", (path, route) => {
    expect(matchRoute(path)).toEqual(route);
  });

  it("pathOf is the inverse of matchRoute", () => {
    for (const path of [
      "/",
      "/apis",
      "/apis/orders",
      "/content/terms",
      "/applications/new",
      "/applications/a-b",
      "/applications/a-b/settings",
      "/forgot-password",
      "/reset-password",
      "/profile",
      "/confirm-email",
      "/approvals",
      "/admin",
      "/admin/health",
      "/admin/users/usr_abc",
    ]) {
      expect(pathOf(matchRoute(path))).toBe(path);
    }
  });
});

describe("isRouterClick", () => {
  const plain = {
    button: 0,
    metaKey: false,
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    defaultPrevented: false,
  };
  const link = (href: string, extra: Partial<{ target: string; hasDownload: boolean }> = {}) => ({
    href,
    target: "",
    hasDownload: false,
    ...extra,
  });
  const origin = "http://portal.test";

  it("handles plain clicks on portal pages", () => {
    expect(isRouterClick(plain, link("http://portal.test/apis"), origin)).toBe(true);
    expect(isRouterClick(plain, link("/applications/new"), origin)).toBe(true);
  });

  it("leaves other origins, new tabs, modifier keys, downloads and server routes to the browser", () => {
    expect(isRouterClick(plain, link("https://example.com/apis"), origin)).toBe(false);
    expect(isRouterClick(plain, link("/apis", { target: "_blank" }), origin)).toBe(false);
    expect(isRouterClick({ ...plain, ctrlKey: true }, link("/apis"), origin)).toBe(false);
    expect(isRouterClick({ ...plain, button: 1 }, link("/apis"), origin)).toBe(false);
    expect(isRouterClick(plain, link("/apis", { hasDownload: true }), origin)).toBe(false);
    expect(isRouterClick(plain, link("/audit-log.csv"), origin)).toBe(false);
    expect(isRouterClick(plain, link("/graphql"), origin)).toBe(false);
    expect(isRouterClick({ ...plain, defaultPrevented: true }, link("/apis"), origin)).toBe(false);
  });
});
