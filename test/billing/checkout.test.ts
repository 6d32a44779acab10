import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { planForCheckout } from "../../src/billing/plans";
import { getConfigs } from "../../src/configs";
import { orders, stripeCustomers } from "../../src/db/schema";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, issuesOf } from "../support/http";
import { checkout } from "./flow";

const db = useTestDatabase();

type Session = { url: string; sessionId: string; orderNo: string };

describe("POST /api/billing/checkout", () => {
  it("creates the order and a Checkout Session for it, reusing one Stripe customer", async () => {
    const buyer = await signUp();
    const res = await checkout(buyer.cookie, { planId: "pack-starter", currency: "JPY" });
    expect(res.status, await res.clone().text()).toBe(200);
    const session = await res.json<Session>();
    expect(session.orderNo).toMatch(/^AF-\d{8}-[2-9A-Z]{8}$/);
    expect(session.url.startsWith(env.STRIPE_API_BASE_URL)).toBe(true);
    const [order] = await db().select().from(orders).where(eq(orders.orderNo, session.orderNo));
    expect(order).toMatchObject({
      userId: buyer.id,
      status: "created",
      amount: 800,
      currency: "jpy",
      credits: 300,
      interval: "one_time",
      stripeSessionId: session.sessionId,
    });

    const again = await (await checkout(buyer.cookie, { planId: "pack-creator" })).json<Session>();
    const customers = await db()
      .select()
      .from(stripeCustomers)
      .where(eq(stripeCustomers.userId, buyer.id));
    expect(customers).toHaveLength(1);
    const [second] = await db().select().from(orders).where(eq(orders.orderNo, again.orderNo));
    expect(second).toMatchObject({ amount: 1499, currency: "usd" });
    expect(second?.stripeCustomerId).toBe(customers[0]?.stripeCustomerId);
  });

  it("refuses unknown plans and currencies a plan is not sold in, writing nothing", async () => {
    const buyer = await signUp();
    const cases: [Record<string, unknown>, string][] = [
      [{ planId: "pack-mystery" }, "planId"],
      [{ planId: "pack-starter", currency: "gbp" }, "currency"],
      [{ planId: "pack-starter", currency: "dollars" }, "currency"],
      [{ planId: "pack-starter", extra: 1 }, ""],
      [{}, "planId"],
    ];
    for (const [body, path] of cases) {
      const res = await checkout(buyer.cookie, body);
      const error = await expectError(res, 400, "VALIDATION_FAILED");
      expect(issuesOf(error).map((i) => i.path)).toContain(path);
    }
    expect(await db().select().from(orders).where(eq(orders.userId, buyer.id))).toEqual([]);
  });

  it("refuses a plan that is no longer on sale", () => {
    const configs = getConfigs();
    const retired = configs.plans.map((p) =>
      p.id === "pack-starter" ? { ...p, status: "inactive" as const } : p,
    );
    expect(() => planForCheckout({ ...configs, plans: retired }, "pack-starter", "usd")).toThrow(
      expect.objectContaining({ code: "VALIDATION_FAILED" }),
    );
    expect(planForCheckout(configs, "pack-starter", undefined)).toMatchObject({
      currency: "usd",
      amount: 499,
    });
  });

  it("lists plans localised, with prices per currency", async () => {
    const res = await call("/api/billing/plans?locale=ja");
    const body = await res.json<{
      plans: { id: string; name: string; prices: Record<string, number> }[];
    }>();
    const starter = body.plans.find((p) => p.id === "pack-starter");
    expect(starter?.prices).toEqual({ usd: 499, eur: 499, jpy: 800 });
    expect(starter?.name).not.toBe("plans.pack-starter.name");
  });

  it("answers a Billing Portal link for my customer", async () => {
    const buyer = await signUp();
    const res = await call("/api/billing/portal", withCookie(buyer.cookie, { method: "POST" }));
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json<{ url: string }>()).url).toMatch(/^http/);
  });
});
