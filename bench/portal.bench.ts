import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import {
  chromiumAvailable,
  CHROMIUM_PATH,
  largestContentfulPaint,
  launchChromium,
} from "../server/src/web-portal/browser-harness.js";
import { ensurePortalBuild } from "../server/src/web-portal/portal-build.js";
import { readProcessEnvironment } from "../server/src/runtime-config/environment.js";
import {
  benchSettings,
  percentile,
  positiveNumber,
  startBenchPortal,
  startFixedBodyServer,
  type BenchResult,
  type RunningTarget,
} from "./harness.js";

export const name = "portal";

const baseline = "static HTML of the catalog (node:http, no JavaScript)";
/** An API of the sample configuration (`deploy/config`) with an OpenAPI document, so its page loads the reference. */
const API_PAGE = "/apis/orders";
const LCP_TARGET_MS = 1000;
const CATALOG_JS_BUDGET_KB = 120;

/** A page to load: where, and the element whose appearance means the route has rendered its content. */
interface Route {
  readonly label: string;
  readonly url: string;
  readonly rendered: string;
}

interface Load {
  readonly lcpMs: number;
  readonly scripts: number;
  /** The loaded scripts' bodies gzipped here (what the budget counts, whatever encoding the server chose). */
  readonly gzippedJsBytes: number;
  /** Script bytes that crossed the network (0 for those served from the browser's cache). */
  readonly transferredJsBytes: number;
}

type CacheMode = "cold cache (disabled)" | "warm cache";
const cacheModes: readonly CacheMode[] = ["cold cache (disabled)", "warm cache"];

/**
 * Largest Contentful Paint of the built web portal served by the real server, in Debian's Chromium: each load in a
 * fresh browser context, once with the cache disabled and once after a first load of the same page filled it.
 */
export async function run(): Promise<BenchResult> {
  const settings = benchSettings();
  const loads = positiveNumber(readProcessEnvironment(), "BENCH_PORTAL_LOADS", 20);
  if (!chromiumAvailable) {
    process.stderr.write(`*** bench portal SKIPPED: no Chromium at ${CHROMIUM_PATH} ***\n`);
    return {
      name,
      description: `SKIPPED: no Chromium at ${CHROMIUM_PATH} (install Debian's \`chromium\` package).`,
      settings,
      baseline,
      cases: [],
    };
  }
  ensurePortalBuild();
  const portal = await startBenchPortal();
  const browser = await launchChromium();
  let staticCopy: RunningTarget | undefined;
  try {
    const routes: Route[] = [
      { label: "home /", url: `${portal.url}/`, rendered: "main h1" },
      { label: "catalog /apis", url: `${portal.url}/apis`, rendered: ".api-list li" },
      { label: `API page ${API_PAGE}`, url: `${portal.url}${API_PAGE}`, rendered: ".api-reference .opblock" },
    ];
    staticCopy = await serveStaticCopy(browser, `${portal.url}/apis`);
    const baselineRoute: Route = { label: baseline, url: `${staticCopy.url}/`, rendered: ".api-list li" };

    const rows: (string | number)[][] = [];
    const baselineP50 = new Map<CacheMode, number>();
    let catalogJsKb = Number.NaN;
    let worstP99 = 0;
    for (const route of [baselineRoute, ...routes]) {
      for (const mode of cacheModes) {
        process.stderr.write(`  ${route.label}, ${mode}: ${loads} loads\n`);
        const measured: Load[] = [];
        for (let i = 0; i < loads; i++) measured.push(await loadOnce(browser, route, mode));
        const lcps = measured.map((load) => load.lcpMs);
        const p50 = percentile(lcps, 0.5);
        const p99 = percentile(lcps, 0.99);
        if (route === baselineRoute) baselineP50.set(mode, p50);
        else worstP99 = Math.max(worstP99, p99);
        const first = measured[0]!;
        const gzippedKb = first.gzippedJsBytes / 1024;
        if (route.label.startsWith("catalog") && mode === "cold cache (disabled)") catalogJsKb = gzippedKb;
        rows.push([
          route.label,
          mode,
          p50.toFixed(0),
          p99.toFixed(0),
          Math.max(...lcps).toFixed(0),
          (p50 / (baselineP50.get(mode) ?? p50)).toFixed(2),
          first.scripts,
          gzippedKb.toFixed(1),
          (
            percentile(
              measured.map((load) => load.transferredJsBytes),
              0.5,
            ) / 1024
          ).toFixed(1),
        ]);
      }
    }

    return {
      name,
      description:
        `Largest Contentful Paint of the built portal (the real server, sample configuration, empty SQLite) in ` +
        `headless Chromium, ${loads} loads per route and cache mode, each in a fresh browser context; the ` +
        `baseline is the catalog's own rendered HTML and CSS served by node:http without JavaScript, loaded the ` +
        `same way. JavaScript per route from the network log of the page (every script the page loaded until the network was idle, the API ` +
        `reference included). Targets: LCP < ${LCP_TARGET_MS} ms (worst p99 here: ${worstP99.toFixed(0)} ms, ` +
        `${worstP99 < LCP_TARGET_MS ? "met" : "NOT met"}); catalog route ≤ ${CATALOG_JS_BUDGET_KB} KB gzipped ` +
        `JavaScript (here ${catalogJsKb.toFixed(1)} KB, ${catalogJsKb <= CATALOG_JS_BUDGET_KB ? "met" : "NOT met"}).`,
      settings,
      baseline,
      cases: [],
      tables: [
        {
          title: `Largest Contentful Paint (ms) and JavaScript per route, ${loads} loads each`,
          columns: [
            "route",
            "cache",
            "LCP p50 ms",
            "LCP p99 ms",
            "LCP max ms",
            "p50 vs baseline",
            "JS files",
            "JS gzipped KB",
            "JS transferred KB (p50)",
          ],
          rows,
        },
      ],
    };
  } finally {
    await browser.close();
    await staticCopy?.close();
    await portal.close();
  }
}

/** One measured load in a fresh context; with a warm cache, after an unmeasured load of the same page. */
async function loadOnce(browser: Browser, route: Route, mode: CacheMode): Promise<Load> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    if (mode === "warm cache") {
      const warmup = await context.newPage();
      await warmup.goto(route.url);
      await warmup.locator(route.rendered).first().waitFor();
      await warmup.waitForLoadState("networkidle");
      await warmup.close();
    }
    const page = await context.newPage();
    if (mode === "cold cache (disabled)") {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    }
    const scripts = collectScripts(page);
    await page.goto(route.url);
    await page.locator(route.rendered).first().waitFor();
    // Parts loaded on demand (the API reference) count too, and may paint the largest element last.
    await page.waitForLoadState("networkidle");
    const lcpMs = await largestContentfulPaint(page);
    const loaded = await Promise.all(scripts);
    return {
      lcpMs,
      scripts: loaded.length,
      gzippedJsBytes: loaded.reduce((sum, script) => sum + script.gzipped, 0),
      transferredJsBytes: loaded.reduce((sum, script) => sum + script.transferred, 0),
    };
  } finally {
    await context.close();
  }
}

function collectScripts(page: Page): Promise<{ gzipped: number; transferred: number }>[] {
  const scripts: Promise<{ gzipped: number; transferred: number }>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;
    scripts.push(
      Promise.all([response.body(), response.request().sizes()]).then(([body, sizes]) => ({
        gzipped: gzipSync(body).length,
        // -1 when the body came from the cache.
        transferred: Math.max(0, sizes.responseBodySize),
      })),
    );
  });
  return scripts;
}

/**
 * The baseline: the catalog as the portal rendered it (its DOM without scripts, its stylesheets inlined), served by
 * a bare node:http server, so the browser paints the same content without any JavaScript or GraphQL round trip.
 */
async function serveStaticCopy(browser: Browser, catalogUrl: string): Promise<RunningTarget> {
  const page = await browser.newPage();
  let html: string;
  try {
    await page.goto(catalogUrl);
    await page.locator(".api-list li").first().waitFor();
    html = await page.evaluate(async () => {
      const doc = (globalThis as unknown as { document: StaticDocument }).document;
      for (const element of doc.querySelectorAll("script, link[rel=modulepreload]")) element.remove();
      for (const link of doc.querySelectorAll("link[rel=stylesheet]")) {
        const style = doc.createElement("style");
        style.textContent = await (await fetch(link.href)).text();
        link.replaceWith(style);
      }
      return `<!doctype html>\n${doc.documentElement.outerHTML}`;
    });
  } finally {
    await page.close();
  }
  return startFixedBodyServer(Buffer.from(html), "text/html; charset=utf-8");
}

/** The few DOM members the static copy needs (the bench's TypeScript program has no DOM library). */
interface StaticElement {
  readonly href: string;
  textContent: string | null;
  readonly outerHTML: string;
  remove(): void;
  replaceWith(other: StaticElement): void;
}
interface StaticDocument {
  readonly documentElement: StaticElement;
  querySelectorAll(selector: string): Iterable<StaticElement>;
  createElement(tag: string): StaticElement;
}
