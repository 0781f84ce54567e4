import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anonymous } from "../actor/actor.js";
import { CatalogService } from "../catalog/catalog.service.js";
import { unsafeHtmlProblems } from "../markdown/html-safety.fixture.js";
import { copySampleConfig, editConfigFile } from "../static-config/sample-config.fixture.js";
import { loadStaticConfig, type StaticConfig } from "../static-config/static-config.js";
import { ContentService } from "./content.service.js";

/** Whoever edits the configuration cannot inject script into the portal's pages either. */
const attack = [
  "<script>alert('description')</script>",
  "<img src=x onerror=alert(1)>",
  "[docs](javascript:alert(1)) [docs](JaVaScRiPt:alert(1)) <javascript:alert(1)>",
  "[docs](&#106;avascript:alert(1)) <!-- <script>x</script> -->",
  '<a href="https://ok.example" target="_blank" style="color:red">x</a>',
].join("\n\n");

describe("markdown of the configuration", () => {
  let copy: { dir: string; remove: () => Promise<void> };
  let config: StaticConfig;

  beforeAll(async () => {
    copy = await copySampleConfig();
    await editConfigFile(copy.dir, "apis/orders/description.md", "# Orders API", `# Orders API\n\n${attack}`);
    await editConfigFile(
      copy.dir,
      "plans.yaml",
      "For trying things out:",
      "For trying <script>alert(1)</script> [x](javascript:alert(1)) out:",
    );
    await editConfigFile(copy.dir, "content/contact.md", "# Contact", `# Contact\n\n${attack}`);
    config = await loadStaticConfig(copy.dir, {});
  });
  afterAll(async () => {
    await copy?.remove();
  });

  it("renders API and plan descriptions without anything executable", () => {
    const orders = new CatalogService({ config }).getApi(anonymous(), "orders");
    expect(orders.descriptionHtml).toContain("&lt;script&gt;alert('description')&lt;/script&gt;");
    expect(unsafeHtmlProblems(orders.descriptionHtml ?? "<missing>")).toEqual([]);
    const free = orders.plans.find((plan) => plan.id === "free");
    expect(free?.descriptionHtml).toContain("&lt;script&gt;");
    expect(unsafeHtmlProblems(free?.descriptionHtml ?? "<missing>")).toEqual([]);
  });

  it("renders content pages without anything executable", () => {
    const catalog = new CatalogService({ config });
    const page = new ContentService({ config, catalog }).getPage(anonymous(), "contact");
    expect(page.html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(page.html).not.toMatch(/href="javascript/i);
    expect(unsafeHtmlProblems(page.html)).toEqual([]);
  });
});
