import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";

/** Debian's Chromium (scripts/ci/install-chromium.sh); CHROMIUM_PATH points elsewhere. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * Headless Chromium as these machines run it: no sandbox (CI runs as root), and no background
 * networking, which would otherwise flood the closed network with refused connections.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    chromiumSandbox: false,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

export const SCREENSHOT_DIR = join("test-results", "screenshots");

/** A full-page screenshot kept as a CI artifact (test-results/ is uploaded, never committed). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  // Lazy images below the fold load only once scrolled to; a full-page shot should show them.
  // (Browser-side code as strings: this project type-checks without the DOM lib.)
  await page.evaluate("window.scrollTo(0, document.body.scrollHeight)");
  // Polled from here: waitForFunction would compile the predicate inside the page, which the
  // page's CSP (no unsafe-eval) rightly reports as a violation.
  for (let tries = 0; tries < 50; tries++) {
    if (await page.evaluate("[...document.images].every((image) => image.complete)")) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await page.evaluate("window.scrollTo(0, 0)");
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Console errors and uncaught exceptions of a page. A CSP violation (an inline script or style
 * slipping in) is reported to the console as an error, so an empty list also proves the pages
 * keep to the policy.
 */
export function watchForErrors(page: Page, errors: string[], origin: string): void {
  // Only our pages: the Stripe stand-in's hosted checkout is not part of the product.
  const ours = () => page.url().startsWith(origin);
  page.on("console", (message) => {
    if (message.type() === "error" && ours()) errors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => {
    if (ours()) errors.push(`${page.url()}: ${error.message}`);
  });
}
