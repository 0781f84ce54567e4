import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { testStaticConfig } from "../authorization/caller-fixtures.js";
import { CatalogService } from "../catalog/catalog.service.js";
import { viewerActor, viewerKinds, type ViewerKind } from "../catalog/catalog-viewers.fixture.js";
import { ErrorCode } from "../errors/error-code.js";
import { codeOf } from "../users/account.fixtures.js";
import { ContentService } from "./content.service.js";

const config = await testStaticConfig();
const catalog = new CatalogService({ config });
const content = new ContentService({ config, catalog });

const publicPages = ["getting-started", "contact", "privacy-policy", "terms-and-conditions"];
const withPartnerPage = [
  "getting-started",
  "partners/onboarding",
  "contact",
  "privacy-policy",
  "terms-and-conditions",
];

const pagesOf: Record<ViewerKind, string[]> = {
  anonymous: publicPages,
  unverified: publicPages,
  developer: publicPages,
  partner: withPartnerPage,
  internal: publicPages,
  admin: withPartnerPage,
  service: publicPages,
};

describe("content pages", () => {
  it.each(viewerKinds)("lists to %s the pages it may see, in menu order", (kind) => {
    const pages = content.listPages(viewerActor(kind));
    expect(pages.map((page) => page.id)).toEqual(pagesOf[kind]);
  });

  it("serves a page with its title, order, path and rendered HTML", () => {
    const page = content.getPage(viewerActor("anonymous"), "contact");
    expect(page).toMatchObject({ id: "contact", title: "Contact", order: 90, path: "/content/contact" });
    expect(page.html).toContain('<h1 id="contact">Contact</h1>');
    expect(page.html).toContain(
      '<a href="mailto:api-team@acme.example" rel="noopener noreferrer">api-team@acme.example</a>',
    );
    expect(page.html).toContain('<a href="https://status.acme.example" rel="noopener noreferrer">');
  });

  it("answers NOT_FOUND for a restricted page, as for a missing one", async () => {
    for (const kind of ["anonymous", "unverified", "developer", "internal", "service"] as const) {
      expect(
        await codeOf(Promise.resolve().then(() => content.getPage(viewerActor(kind), "partners/onboarding"))),
      ).toBe(ErrorCode.NOT_FOUND);
    }
    expect(await codeOf(Promise.resolve().then(() => content.getPage(viewerActor("admin"), "nope")))).toBe(
      ErrorCode.NOT_FOUND,
    );
    expect(content.getPage(viewerActor("partner"), "partners/onboarding").title).toBe("Partner onboarding");
    expect(content.getPage(viewerActor("admin"), "partners/onboarding").html).toContain(
      "<code>shipments:read tracking:write</code>",
    );
  });
});

describe("site map", () => {
  it("lists home, the catalog, the visible APIs and pages for anonymous visitors", () => {
    expect(content.siteMap(viewerActor("anonymous"))).toEqual([
      { kind: "home", title: "Acme API Portal", path: "/" },
      { kind: "catalog", title: "APIs", path: "/apis" },
      { kind: "api", title: "Logistics Partner API", path: "/apis/logistics" },
      { kind: "api", title: "Orders API", path: "/apis/orders" },
      { kind: "api", title: "Payments API", path: "/apis/payments" },
      { kind: "api", title: "Product Catalog API", path: "/apis/catalog" },
      { kind: "content", title: "Getting started", path: "/content/getting-started" },
      { kind: "content", title: "Contact", path: "/content/contact" },
      { kind: "content", title: "Privacy policy", path: "/content/privacy-policy" },
      { kind: "content", title: "Terms and conditions", path: "/content/terms-and-conditions" },
    ]);
  });

  it.each(viewerKinds)("holds for %s exactly the visible APIs and pages", (kind) => {
    const paths = content.siteMap(viewerActor(kind)).map((entry) => entry.path);
    const apis = catalog.visibleApis(viewerActor(kind)).map((api) => `/apis/${api.id}`);
    expect(paths).toEqual(["/", "/apis", ...apis, ...pagesOf[kind].map((id) => `/content/${id}`)]);
    expect(paths.includes("/apis/inventory-v1")).toBe(kind === "internal" || kind === "admin");
    expect(paths.includes("/content/partners/onboarding")).toBe(kind === "partner" || kind === "admin");
  });
});
