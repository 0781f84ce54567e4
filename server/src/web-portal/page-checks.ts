import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { axeViolations, pageLayout } from "./browser-harness.js";

/** The two widths every page is checked at. */
export const checkedWidths = [
  { name: "phone", width: 375, height: 740 },
  { name: "desktop", width: 1280, height: 900 },
] as const;

/**
 * A checker that, at 375 px and at 1280 px, expects zero axe violations, no horizontal scrolling, one h1 and one
 * main landmark on the page as it is now, and writes a full-page screenshot to `screenshotDir` (emptied first; CI
 * keeps it). The viewport is restored afterwards.
 */
export function pageChecker(screenshotDir: string): (page: Page, what: string) => Promise<void> {
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  let screenshots = 0;
  return async (page, what) => {
    const original = page.viewportSize();
    for (const size of checkedWidths) {
      await page.setViewportSize({ width: size.width, height: size.height });
      expect(await axeViolations(page), `axe on ${what} at ${size.width} px`).toEqual([]);
      expect(await pageLayout(page), `layout of ${what} at ${size.width} px`).toEqual({
        overflow: 0,
        h1: 1,
        main: 1,
      });
      const name = `${String(++screenshots).padStart(2, "0")}-${what.replace(/[^a-z0-9]+/gi, "-")}-${size.width}.png`;
      await page.screenshot({ path: path.join(screenshotDir, name), fullPage: true });
    }
    if (original) await page.setViewportSize(original);
  };
}
