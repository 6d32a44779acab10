import { randomUUID } from "node:crypto";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plans from "../../configs/plans.json";
import { launchChromium, screenshot, watchForErrors } from "./chromium";
import { type DevStack, startDevStack } from "./stack";

// The end-to-end story in a real browser: a creator generates and publishes, a visitor
// signs up and likes, a purchase reaches the admin's revenue chart, the locale switch works.
const CREATOR = { email: "creator@aniforge.local", password: "aniforge-dev-password" };
const ADMIN = { email: "admin@aniforge.local", password: "aniforge-dev-password" };
const PROMPT = `a paper lantern festival at dusk, anime style ${randomUUID().slice(0, 8)}`;
const PACK = plans.plans.find((plan) => plan.id === "pack-starter");

let stack: DevStack;
let browser: Browser;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
let workPath = "";

async function newPage(options: { javaScriptEnabled?: boolean; locale?: string } = {}) {
  const context = await browser.newContext({
    baseURL: stack.base,
    viewport: { width: 1280, height: 860 },
    locale: options.locale ?? "en-US",
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  contexts.push(context);
  const page = await context.newPage();
  watchForErrors(page, errors, stack.base);
  return page;
}

async function signIn(page: Page, account: { email: string; password: string }, next: string) {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  const form = page.getByTestId("sign-in-form");
  await form.locator('input[name="email"]').fill(account.email);
  await form.locator('input[name="password"]').fill(account.password);
  await Promise.all([
    page.waitForURL((url) => url.pathname === next),
    form.locator('button[type="submit"]').click(),
  ]);
}

async function chooseModel(page: Page, model: string) {
  const picker = page.getByTestId("model-select");
  const tag = await picker.evaluate((element) => element.tagName.toLowerCase());
  if (tag === "select") await picker.selectOption(model);
  else await picker.locator(`input[name="model"][value="${model}"]`).check({ force: true });
}

/**
 * A fuller gallery for the screenshots: a few public generations made through the JSON API
 * with the creator's session (the UI path is the test above), one of them a video.
 */
async function publishMoreWorks(page: Page) {
  const bodies = [
    { type: "image", model: "gpt-4o-image", prompt: "a fox spirit under a red moon", count: 4 },
    { type: "image", model: "seedream", prompt: "a girl reading on a school rooftop", count: 4 },
    { type: "video", model: "runway", prompt: "lanterns drifting over a river", duration: 5 },
  ];
  const statusUrls: string[] = [];
  for (const body of bodies) {
    const res = await page.request.post("/api/generations", {
      data: { ...body, visibility: "public" },
      headers: { origin: stack.base },
    });
    expect(res.status(), await res.text()).toBe(202);
    statusUrls.push(((await res.json()) as { statusUrl: string }).statusUrl);
  }
  for (const url of statusUrls) {
    await expect
      .poll(
        async () => {
          const body = (await (await page.request.get(url)).json()) as { status: string };
          return body.status;
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe("succeeded");
  }
}

async function balanceOnAccount(page: Page): Promise<number> {
  await page.goto("/account");
  return Number(await page.getByTestId("credit-balance").getAttribute("data-balance"));
}

beforeAll(async () => {
  stack = await startDevStack();
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  await browser?.close();
  await stack?.stop();
});

describe.sequential("the web UI in Chromium", () => {
  it("a creator signs in, generates an image through the KieAI stand-in, sees it finish and publishes it", async () => {
    const page = await newPage();
    await signIn(page, CREATOR, "/create");
    await chooseModel(page, "z-image");
    await page.getByTestId("prompt-input").fill(PROMPT);
    await expect.poll(() => page.getByTestId("credit-quote").textContent()).toMatch(/\d/);
    await page.getByTestId("create-submit").click();
    const status = page.getByTestId("generation-status");
    await expect
      .poll(() => status.getAttribute("data-status"), { timeout: 60_000, interval: 500 })
      .toBe("succeeded");
    const result = page.getByTestId("result-item").first();
    await result.locator("img").waitFor();
    expect(
      await result
        .locator("img")
        .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).toBeGreaterThan(0);
    const toggle = result.getByTestId("visibility-toggle");
    await toggle.click();
    await expect.poll(() => toggle.getAttribute("aria-pressed")).toBe("true");
    await screenshot(page, "create");

    await page.goto("/library");
    const item = page.getByTestId("library-item").first();
    expect(await item.getAttribute("data-status")).toBe("succeeded");
    expect(await item.textContent()).toContain(PROMPT);
    await screenshot(page, "library");
    await publishMoreWorks(page);
  });

  it("a visitor sees it in the gallery, signs up and likes it, and the count updates", async () => {
    const page = await newPage();
    await page.goto("/");
    const card = page
      .getByTestId("work-card")
      .filter({ has: page.locator(`img[alt*="${PROMPT.slice(-8)}"]`) });
    await expect.poll(() => card.count()).toBe(1);
    await screenshot(page, "gallery");
    expect(await card.getByTestId("like-count").textContent()).toMatch(/^\s*0\s*$/);

    await card.locator("a[href^='/a/']").first().click();
    await page.getByTestId("work-detail").waitFor();
    workPath = new URL(page.url()).pathname;
    expect(await page.getByTestId("work-detail").textContent()).toContain(PROMPT);

    await page.locator(`header a[href^="/sign-up"]`).click();
    const form = page.getByTestId("sign-up-form");
    await form.locator('input[name="name"]').fill("Lantern Fan");
    await form.locator('input[name="email"]').fill(`fan-${randomUUID().slice(0, 8)}@example.com`);
    await form.locator('input[name="password"]').fill("lantern-fan-password");
    await Promise.all([
      page.waitForURL((url) => url.pathname === workPath),
      form.locator('button[type="submit"]').click(),
    ]);
    await screenshot(page, "artwork-detail");

    const like = page.getByTestId("like-button");
    await like.click();
    await expect.poll(() => like.getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => page.getByTestId("like-count").textContent()).toMatch(/^\s*1\s*$/);
    await page.reload();
    expect(await page.getByTestId("like-count").textContent()).toMatch(/^\s*1\s*$/);
    expect(await page.getByTestId("like-button").getAttribute("aria-pressed")).toBe("true");

    await page.goto("/");
    const liked = page
      .getByTestId("work-card")
      .filter({ has: page.locator(`img[alt*="${PROMPT.slice(-8)}"]`) });
    expect(await liked.getByTestId("like-count").textContent()).toMatch(/^\s*1\s*$/);

    // The same visitor buys a credit pack through the Stripe stand-in's hosted checkout.
    const before = await balanceOnAccount(page);
    await page.goto("/pricing");
    await screenshot(page, "pricing");
    await page
      .locator(`[data-testid="plan-card"][data-plan-id="pack-starter"]`)
      .getByTestId("buy-button")
      .click();
    await page.waitForURL((url) => url.origin === stack.stripeUrl);
    await Promise.all([
      page.waitForURL((url) => url.origin === stack.base && url.pathname === "/account"),
      page.locator("form button").first().click(),
    ]);
    // The signed webhook from the stand-in grants the pack's credits.
    await expect
      .poll(() => balanceOnAccount(page), { timeout: 30_000, interval: 1000 })
      .toBe(before + (PACK?.credits ?? Number.NaN));
    await screenshot(page, "account");
  });

  it("the purchase shows up on /admin's revenue chart", async () => {
    const page = await newPage();
    await signIn(page, ADMIN, "/admin");
    const chart = page.getByTestId("revenue-chart");
    await chart.waitFor();
    const today = new Date().toISOString().slice(0, 10);
    const amount = new Intl.NumberFormat("en", { style: "currency", currency: "USD" }).format(
      (PACK?.prices.usd ?? 0) / 100,
    );
    const tooltips = await chart.locator("title").allTextContents();
    expect(tooltips.some((text) => text.includes(today) && text.includes(amount))).toBe(true);
    expect(await page.getByTestId("generations-chart").locator("title").count()).toBeGreaterThan(0);
    await screenshot(page, "admin");
    for (const path of [
      "/admin/generations",
      "/admin/costs",
      "/admin/users",
      "/admin/orders",
      "/admin/moderation",
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await screenshot(page, `admin-${path.split("/")[2]}`);
    }
  });

  it("the locale switch changes the page text and is remembered", async () => {
    const page = await newPage();
    await page.goto("/");
    expect(await page.locator("nav.site-nav").textContent()).toContain("Gallery");
    await Promise.all([
      page.waitForURL("**/"),
      page.getByTestId("locale-select").selectOption("ja"),
    ]);
    await expect.poll(() => page.locator("nav.site-nav").textContent()).toContain("ギャラリー");
    expect(await page.locator("html").getAttribute("lang")).toBe("ja");
    await page.goto("/pricing");
    expect(await page.locator("nav.site-nav").textContent()).toContain("料金");
    await screenshot(page, "pricing-ja");
    await page.getByTestId("locale-select").selectOption("zh");
    await expect.poll(() => page.locator("nav.site-nav").textContent()).toContain("画廊");
  });

  it("the gallery renders its first screen without scripts", async () => {
    const page = await newPage({ javaScriptEnabled: false });
    await page.goto("/");
    const first = page.getByTestId("work-card").first();
    await first.waitFor();
    const image = first.locator("img");
    expect(await image.getAttribute("width")).toMatch(/^\d+$/);
    expect(await image.getAttribute("height")).toMatch(/^\d+$/);
    expect(await page.getByTestId("more-link").count()).toBeLessThanOrEqual(1);
    await screenshot(page, "gallery-no-js");
    await page.goto(workPath);
    expect(await page.getByTestId("work-detail").textContent()).toContain(PROMPT);
  });

  it("every page loads without console errors or CSP violations, signed out and signed in", async () => {
    const visitor = await newPage();
    for (const path of ["/", workPath, "/pricing", "/sign-in", "/sign-up"]) {
      const response = await visitor.goto(path);
      expect(response?.status(), path).toBe(200);
    }
    await screenshot(visitor, "sign-in");
    const creator = await newPage();
    await signIn(creator, CREATOR, "/");
    const profile = await creator
      .getByTestId("work-card")
      .first()
      .locator("a[href^='/u/']")
      .first()
      .getAttribute("href");
    for (const path of ["/create", "/library", "/account", ...(profile ? [profile] : [])]) {
      const response = await creator.goto(path);
      expect(response?.status(), path).toBe(200);
    }
    if (profile) await screenshot(creator, "profile");
    expect(errors).toEqual([]);
  });
});
