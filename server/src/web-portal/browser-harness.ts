import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium, type Browser, type Page } from "playwright-core";

export const CHROMIUM_PATH = "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM_PATH);

const axeSource = (createRequire(import.meta.url)("axe-core") as { source: string }).source;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-quic",
      "--no-first-run",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export interface AxeViolation {
  readonly id: string;
  readonly help: string;
  readonly nodes: readonly { readonly target: readonly string[] }[];
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page and returns its violations, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the portal's CSP (rightly) refuses inline script tags.
  if (!(await page.evaluate(() => "axe" in globalThis))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      axe: { run(context: unknown, options: object): Promise<{ violations: AxeViolation[] }> };
      document: unknown;
    };
    const result = await axe.run(document, {
      runOnly: {
        type: "tag",
        values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
      },
    });
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

/** The few DOM members the tests read inside the page (the server's TypeScript program has no DOM library). */
interface PageDocument {
  readonly documentElement: { readonly scrollWidth: number; readonly clientWidth: number };
  readonly activeElement: { readonly id: string } | null;
  querySelectorAll(selector: string): { readonly length: number };
}

/** Horizontal overflow in pixels (0 when nothing scrolls sideways), and how many h1 and main elements there are. */
export function pageLayout(page: Page): Promise<{ overflow: number; h1: number; main: number }> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: PageDocument }).document;
    return {
      overflow: doc.documentElement.scrollWidth - doc.documentElement.clientWidth,
      h1: doc.querySelectorAll("h1").length,
      main: doc.querySelectorAll("main").length,
    };
  });
}

/** The id of the focused element. */
export function focusedElementId(page: Page): Promise<string | undefined> {
  return page.evaluate(
    () => (globalThis as unknown as { document: PageDocument }).document.activeElement?.id,
  );
}

/** The Largest Contentful Paint of the page so far, in milliseconds since navigation start. */
export function largestContentfulPaint(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const Observer = (
          globalThis as unknown as {
            PerformanceObserver: new (
              callback: (list: { getEntries(): { startTime: number }[] }) => void,
            ) => { observe(options: { type: string; buffered: boolean }): void };
          }
        ).PerformanceObserver;
        new Observer((list) => {
          const entries = list.getEntries();
          resolve(entries[entries.length - 1]?.startTime ?? -1);
        }).observe({ type: "largest-contentful-paint", buffered: true });
      }),
  );
}
