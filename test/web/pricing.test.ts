import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { orders } from "../../src/db/schema";
import { translator } from "../../src/i18n/translate";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { seedSubscription } from "../support/orders";
import { expectPageHeaders, getPage, postForm, visibleText } from "../support/pages";

const db = useTestDatabase();
const activePlans = () => getConfigs().plans.filter((plan) => plan.status === "active");

/** The cards of a pricing page, by plan id, as HTML fragments. */
function planCards(html: string): Map<string, string> {
  const cards = new Map<string, string>();
  for (const match of html.matchAll(/<article[^>]*data-plan-id="([^"]+)"[\s\S]*?<\/article>/g)) {
    cards.set(match[1] ?? "", match[0]);
  }
  return cards;
}

describe("pricing page", () => {
  it("lists every plan on sale with localised names and prices in yen for Japanese", async () => {
    const { res, html } = await getPage("/pricing?locale=ja");
    expect(res.status).toBe(200);
    expectPageHeaders(res);
    const cards = planCards(html);
    const plans = activePlans();
    expect([...cards.keys()].sort()).toEqual(plans.map((plan) => plan.id).sort());
    const t = translator("ja");
    for (const plan of plans) {
      const card = visibleText(cards.get(plan.id) ?? "");
      expect(card).toContain(t(plan.nameKey));
      const yen = plan.prices.jpy;
      if (yen !== undefined) {
        const price = new Intl.NumberFormat("ja", { style: "currency", currency: "JPY" }).format(
          yen,
        );
        expect(card).toContain(price);
      }
    }
    expect(visibleText(cards.get("pack-starter") ?? "")).toContain("￥800");
    // Visitors are asked to sign up first, and come back here.
    expect(cards.get("pack-starter")).toContain(`href="/sign-up?next=%2Fpricing"`);
    expect(cards.get("pack-starter")).toContain(`data-testid="buy-button"`);
  });

  it("shows the chosen currency from minor units", async () => {
    const { html } = await getPage("/pricing?currency=eur&locale=en");
    const starter = visibleText(planCards(html).get("pack-starter") ?? "");
    expect(starter).toContain("€4.99");
    const { html: usd } = await getPage("/pricing?currency=nope&locale=en");
    expect(visibleText(planCards(usd).get("pack-studio") ?? "")).toContain("$39.99");
  });

  it("sends a signed-in buyer to Stripe Checkout with a form post and records the order", async () => {
    const buyer = await signUp();
    const page = await getPage("/pricing?currency=jpy", { cookie: buyer.cookie });
    const card = planCards(page.html).get("pack-starter") ?? "";
    expect(card).toContain(`action="/pricing/checkout"`);
    expect(card).toContain(`name="currency" value="jpy"`);

    const res = await postForm(
      "/pricing/checkout",
      { planId: "pack-starter", currency: "jpy" },
      { cookie: buyer.cookie },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")?.startsWith(env.STRIPE_API_BASE_URL)).toBe(true);
    const mine = await db()
      .select()
      .from(orders)
      .where(and(eq(orders.userId, buyer.id), eq(orders.productId, "pack-starter")));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: "created", amount: 800, currency: "jpy" });
  });

  it("explains a refused checkout on the pricing page and asks visitors to sign in", async () => {
    const buyer = await signUp();
    const bad = await postForm(
      "/pricing/checkout?locale=ja",
      { planId: "pack-starter", currency: "gbp" },
      { cookie: buyer.cookie },
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain(`data-testid="pricing-error"`);
    expect(visibleText(html)).toContain("このプランはその通貨ではご購入いただけません");
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toEqual([]);

    const visitor = await postForm("/pricing/checkout", { planId: "pack-starter" });
    expect(visitor.status).toBe(303);
    expect(visitor.headers.get("location")).toBe("/sign-in?next=%2Fpricing");
    const forged = await postForm(
      "/pricing/checkout",
      { planId: "pack-starter" },
      { cookie: buyer.cookie, origin: "https://evil.example" },
    );
    expect(forged.status).toBe(403);
  });

  it("marks a member's current plan and sends plan changes to the billing portal", async () => {
    const member = await signUp();
    await seedSubscription(db(), member.id, {
      planType: "pro",
      interval: "month",
      currentPeriodEnd: new Date(Date.now() + 20 * 86_400_000),
    });
    const { html } = await getPage("/pricing?locale=en", { cookie: member.cookie });
    const cards = planCards(html);
    expect(visibleText(cards.get("sub-pro-monthly") ?? "")).toContain("Your current plan");
    expect(cards.get("sub-basic-monthly")).toContain(`action="/account/portal"`);
    expect(cards.get("pack-starter")).toContain(`action="/pricing/checkout"`);
  });
});
