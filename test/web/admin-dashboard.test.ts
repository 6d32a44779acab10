import { beforeAll, describe, expect, it } from "vitest";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser } from "../support/fixtures";
import { at, seedOrders } from "../support/orders";
import { expectPageHeaders, getPage, postForm, visibleText } from "../support/pages";

const db = useTestDatabase();

const PAGES = [
  "/admin",
  "/admin/generations",
  "/admin/costs",
  "/admin/users",
  "/admin/orders",
  "/admin/moderation",
];

// November 2011 belongs to this file alone (no other test seeds orders or generations then).
async function seedNovember() {
  const buyer = await createUser(db());
  await seedOrders(db(), buyer.id, [
    { amount: 499, currency: "usd", paidAt: at("2011-11-23T10:00:00Z") },
    { amount: 500, currency: "jpy", paidAt: at("2011-11-23T11:00:00Z") },
    { amount: 1500, currency: "jpy", paidAt: at("2011-11-24T00:00:00Z") },
    { amount: 1500, currency: "jpy", paidAt: at("2011-11-24T05:00:00Z") },
  ]);
  const gen = (created: string, status: "succeeded" | "failed") =>
    createGeneration(db(), buyer.id, {
      createdAt: at(created),
      updatedAt: at(created),
      status,
      errorCode: status === "failed" ? "PROVIDER_FAILED" : null,
    });
  await gen("2011-11-23T01:00:00Z", "succeeded");
  await gen("2011-11-23T02:00:00Z", "succeeded");
  await gen("2011-11-23T03:00:00Z", "failed");
}

const RANGE = "from=2011-11-20&to=2011-11-26";

describe("admin pages: guards", () => {
  it("sends visitors to sign in and answers signed-in non-admins with 403 on every page", async () => {
    const user = await signUp();
    for (const path of PAGES) {
      const visitor = await getPage(path);
      expect(visitor.res.status, path).toBe(302);
      expect(visitor.res.headers.get("location")).toBe(`/sign-in?next=${encodeURIComponent(path)}`);
      const forbidden = await getPage(path, { cookie: user.cookie });
      expect(forbidden.res.status, path).toBe(403);
      expect(forbidden.html).toContain(`data-error-code="FORBIDDEN"`);
    }
    const post = await postForm("/admin/costs", { month: "2011-01" }, { cookie: user.cookie });
    expect(post.status).toBe(403);
  });

  it("serves every page to an admin with the section nav marking the current one", async () => {
    const admin = await signUpAdmin();
    for (const path of PAGES) {
      const { res, html } = await getPage(path, { cookie: admin.cookie });
      expect(res.status, path).toBe(200);
      expectPageHeaders(res);
      expect(html).toMatch(new RegExp(`<a href="${path}" aria-current="page"`));
      expect(html).not.toMatch(/\sstyle="|\son[a-z]+="/);
      // Every catalogue key resolves (the scripts' JSON block names keys on purpose).
      const shown = html.replace(/<script[\s\S]*?<\/script>/g, "");
      expect(shown, path).not.toMatch(/web\.admin\./);
      const ja = await getPage(`${path}?locale=ja`, { cookie: admin.cookie });
      expect(ja.html.replace(/<script[\s\S]*?<\/script>/g, ""), path).not.toMatch(/web\.admin\./);
    }
  });
});

describe("admin dashboard", () => {
  beforeAll(seedNovember);

  it("draws revenue per day with one series per currency, tooltips and a data table", async () => {
    const admin = await signUpAdmin();
    const { res, html } = await getPage(`/admin?${RANGE}`, { cookie: admin.cookie });
    expect(res.status).toBe(200);
    const chart = html.match(/<svg data-testid="revenue-chart"[\s\S]*?<\/svg>/)?.[0] ?? "";
    expect(chart).toContain('role="img"');
    expect(chart).toContain('aria-labelledby="revenue-chart-title revenue-chart-desc"');
    expect(chart).toMatch(/<title id="revenue-chart-title">/);
    expect(chart).toContain('data-series="jpy"');
    expect(chart).toContain('data-series="usd"');
    // One bar per day in each currency: never a summed one.
    expect(chart.match(/<rect class="chart-bar"/g)?.length).toBe(14);
    expect(chart).toContain("<title>2011-11-23 · $4.99 · 1 order</title>");
    expect(chart).toContain("<title>2011-11-23 · ¥500 · 1 order</title>");
    expect(chart).toContain("<title>2011-11-24 · ¥3,000 · 2 orders</title>");
    expect(chart).toContain("<title>2011-11-20 · $0.00 · 0 orders</title>");
    // The y axis is in the currency, from minor units (¥ has none).
    expect(chart).toMatch(/text-anchor="end">\$6\.00</);
    expect(chart).toMatch(/text-anchor="end">¥3,000</);
    const table = html.match(/<table data-testid="revenue-table"[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(visibleText(table)).toContain("2011-11-23 USD 1 $4.99 $0.00 $4.99");
    expect(visibleText(table)).toContain("2011-11-24 JPY 2 ¥3,000 ¥0 ¥3,000");
    expect(visibleText(table)).not.toContain("2011-11-25");

    const generations = html.match(/<svg data-testid="generations-chart"[\s\S]*?<\/svg>/)?.[0];
    expect(generations).toContain(
      'aria-labelledby="generations-chart-title generations-chart-desc"',
    );
    expect(generations).toContain("<title>2011-11-23 · 2 succeeded</title>");
    expect(generations).toContain("<title>2011-11-23 · 1 failed</title>");
    expect(generations).toMatch(/data-segment="succeeded" data-count="2"/);
    expect(generations).not.toContain("No data for this range.");

    const profit = html.match(/<table data-testid="profit-table"[\s\S]*?<\/table>/)?.[0] ?? "";
    expect(visibleText(profit)).toContain("2011-11 JPY ¥3,500 ¥0 ¥3,500");
    expect(visibleText(profit)).toContain("2011-11 USD $4.99 $0.00 $4.99");
  });

  it("shows an empty range as a zero line and 'no data', and refuses a backwards range", async () => {
    const admin = await signUpAdmin();
    const { res, html } = await getPage("/admin?from=2001-02-01&to=2001-02-10", {
      cookie: admin.cookie,
    });
    expect(res.status).toBe(200);
    const chart = html.match(/<svg data-testid="revenue-chart"[\s\S]*?<\/svg>/)?.[0] ?? "";
    expect(chart).toContain('class="chart-zero"');
    expect(chart).toContain("No data for this range.");
    expect(chart).not.toContain("data-series=");
    expect(html).toMatch(/data-testid="generations-chart"[\s\S]*No data for this range\./);

    const backwards = await getPage("/admin?from=2011-11-26&to=2011-11-20", {
      cookie: admin.cookie,
    });
    expect(backwards.res.status).toBe(400);
    expect(backwards.html).toContain(`data-error-code="VALIDATION_FAILED"`);
  });

  it("speaks Japanese: labels, tooltips and currency formats", async () => {
    const admin = await signUpAdmin();
    const { html } = await getPage(`/admin?${RANGE}&locale=ja`, { cookie: admin.cookie });
    const text = visibleText(html);
    expect(html).toContain('<html lang="ja"');
    expect(text).toContain("管理ダッシュボード");
    expect(text).toContain("日別売上");
    expect(text).toContain("月別利益");
    expect(html).toContain("1 件の注文");
    expect(html).toMatch(/<title>2011-11-23 · \$4\.99 · 1 件の注文<\/title>/);
    expect(html).toContain("成功</title>");
    expect(html).toContain("11月23日");
  });
});
