import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { spendCredits } from "../../src/credits/service";
import { orders, subscriptions, user } from "../../src/db/schema";
import { isMember } from "../../src/users/membership";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, postJson } from "../support/http";
import { expectLedgerConsistent } from "../support/ledger";
import {
  cancelSubscription,
  changePlan,
  endSubscription,
  failPayment,
  refundCharge,
  renewSubscription,
  signStripePayload,
} from "../support/stripe";
import {
  buyAndPay,
  customerOf,
  deliverUntilAccepted,
  eventRowCount,
  eventsOfCustomer,
} from "./flow";

const db = useTestDatabase();

async function deliverAllFor(userId: string) {
  const events = await eventsOfCustomer(await customerOf(db(), userId));
  await deliverUntilAccepted(events);
  return events;
}

const credits = async (cookie: string) =>
  (await (await call("/api/credits", withCookie(cookie))).json<{ balance: number }>()).balance;

async function subscriptionOf(userId: string) {
  const [sub] = await db().select().from(subscriptions).where(eq(subscriptions.userId, userId));
  if (!sub) throw new Error("no subscription row");
  return sub;
}

describe("credit packs", () => {
  it("paying grants the pack's credits once, valid for the plan's months", async () => {
    const buyer = await signUp();
    const { orderNo } = await buyAndPay(buyer.cookie, "pack-starter");
    const events = await deliverAllFor(buyer.id);
    expect(events.map((e) => e.type)).toContain("checkout.session.completed");
    expect(await credits(buyer.cookie)).toBe(50 + 300);
    const [order] = await db().select().from(orders).where(eq(orders.orderNo, orderNo));
    expect(order).toMatchObject({ status: "paid", amount: 499 });
    const history = await (
      await call("/api/credits/history?type=purchase", withCookie(buyer.cookie))
    ).json<{ items: { amount: number; orderNo: string; expiresAt: string }[] }>();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({ amount: 300, orderNo });
    const months = (Date.parse(history.items[0]?.expiresAt ?? "") - Date.now()) / (30 * 86_400_000);
    expect(months).toBeGreaterThan(11.5);
    expect(months).toBeLessThan(12.5);
  });

  it("a full refund claws back what is unspent, never below zero", async () => {
    const buyer = await signUp();
    const { paid, orderNo } = await buyAndPay(buyer.cookie, "pack-starter");
    await deliverAllFor(buyer.id);
    await spendCredits(db(), {
      userId: buyer.id,
      amount: 320,
      sourceId: crypto.randomUUID(),
      now: new Date(),
    });
    await refundCharge(paid.charge as string);
    await deliverAllFor(buyer.id);
    const [order] = await db().select().from(orders).where(eq(orders.orderNo, orderNo));
    expect(order).toMatchObject({ status: "refunded", refundedAmount: 499 });
    expect(await credits(buyer.cookie)).toBe(0);
    await expectLedgerConsistent(db(), buyer.id);
  });
});

describe("subscriptions", () => {
  it("starts membership with the first period's credits, renews three times, ends at period end", async () => {
    const buyer = await signUp();
    const { paid } = await buyAndPay(buyer.cookie, "sub-basic-monthly");
    const subscriptionId = paid.subscription as string;
    await deliverAllFor(buyer.id);
    expect(await credits(buyer.cookie)).toBe(50 + 600);
    const state = await (await call("/api/billing/subscription", withCookie(buyer.cookie))).json<{
      member: boolean;
      subscription: { status: string; renewsAt: string; periodsPaid: number };
    }>();
    expect(state).toMatchObject({
      member: true,
      subscription: { status: "active", periodsPaid: 1 },
    });

    for (let i = 0; i < 3; i++) await renewSubscription(subscriptionId);
    await deliverAllFor(buyer.id);
    expect(await credits(buyer.cookie)).toBe(50 + 4 * 600);
    const renewed = await subscriptionOf(buyer.id);
    expect(renewed.subTimes).toBe(4);
    const paidOrders = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(paidOrders.map((o) => o.status)).toEqual(["paid", "paid", "paid", "paid"]);
    const [me] = await db().select().from(user).where(eq(user.id, buyer.id));
    expect(me?.subExpiredAt?.getTime()).toBe(renewed.currentPeriodEnd?.getTime());

    // Cancel through our API: membership stays until the period that was paid for ends.
    const cancel = await call(
      "/api/billing/subscription/cancel",
      withCookie(buyer.cookie, { method: "POST" }),
    );
    expect(cancel.status, await cancel.clone().text()).toBe(200);
    const cancelled = await cancel.json<{ member: boolean; subscription: { endsAt: string } }>();
    expect(cancelled.member).toBe(true);
    expect(cancelled.subscription.endsAt).toBe(renewed.currentPeriodEnd?.toISOString());
    await endSubscription(subscriptionId);
    await deliverAllFor(buyer.id);
    const ended = await subscriptionOf(buyer.id);
    expect(ended.status).toBe("canceled");
    const [after] = await db().select().from(user).where(eq(user.id, buyer.id));
    expect(isMember(after as never, new Date())).toBe(true);
    expect(
      isMember(after as never, new Date((ended.currentPeriodEnd?.getTime() ?? 0) + 1000)),
    ).toBe(false);
    expect(await credits(buyer.cookie)).toBe(50 + 4 * 600);
  });

  it("refunding a renewal takes back that period's unspent credits; a partial refund keeps them", async () => {
    const buyer = await signUp();
    const { paid } = await buyAndPay(buyer.cookie, "sub-basic-monthly");
    const renewal = await renewSubscription(paid.subscription as string);
    await deliverAllFor(buyer.id);
    expect(await credits(buyer.cookie)).toBe(50 + 1200);
    await refundCharge(paid.charge as string, 100);
    await refundCharge(renewal.charge as string);
    await deliverAllFor(buyer.id);
    const rows = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(rows.map((o) => [o.status, o.refundedAmount]).sort()).toEqual([
      ["paid", 100],
      ["refunded", 999],
    ]);
    // Both refunds are dated (revenue reports count a refund on its own day), partial too.
    expect(rows.every((o) => o.refundedAt instanceof Date)).toBe(true);
    expect(await credits(buyer.cookie)).toBe(50 + 600);
    await expectLedgerConsistent(db(), buyer.id);
  });

  it("a plan switch in the portal moves membership and later renewals to the new plan", async () => {
    const buyer = await signUp();
    const { paid } = await buyAndPay(buyer.cookie, "sub-basic-monthly");
    const subscriptionId = paid.subscription as string;
    await changePlan(subscriptionId, env.STRIPE_PRICE_SUB_PRO_MONTHLY as string);
    await renewSubscription(subscriptionId);
    await deliverAllFor(buyer.id);
    const sub = await subscriptionOf(buyer.id);
    expect(sub).toMatchObject({ planType: "pro", creditsPerPeriod: 2000, subTimes: 2 });
    const [me] = await db().select().from(user).where(eq(user.id, buyer.id));
    expect(me?.subPlanType).toBe("pro");
    expect(await credits(buyer.cookie)).toBe(50 + 600 + 2000);
    const amounts = (await db().select().from(orders).where(eq(orders.userId, buyer.id)))
      .map((o) => o.amount)
      .sort();
    expect(amounts).toEqual([2499, 999].sort());
  });

  it("a failed renewal marks the order failed and the subscription past due", async () => {
    const buyer = await signUp();
    const { paid } = await buyAndPay(buyer.cookie, "sub-basic-monthly");
    await failPayment(paid.subscription as string);
    await deliverAllFor(buyer.id);
    expect((await subscriptionOf(buyer.id)).status).toBe("past_due");
    const rows = await db().select().from(orders).where(eq(orders.userId, buyer.id));
    expect(rows.map((o) => o.status).sort()).toEqual(["failed", "paid"]);
    expect(await credits(buyer.cookie)).toBe(50 + 600);
  });

  it("refuses a second subscription while one is live (409)", async () => {
    const buyer = await signUp();
    await buyAndPay(buyer.cookie, "sub-basic-monthly");
    await deliverAllFor(buyer.id);
    const res = await postJson(
      "/api/billing/checkout",
      { planId: "sub-basic-monthly" },
      { cookie: buyer.cookie },
    );
    await expectError(res, 409, "CONFLICT");
  });
});

describe("webhook signature", () => {
  it("refuses a bad, stale or tampered signature with 400 and writes nothing", async () => {
    const buyer = await signUp();
    await buyAndPay(buyer.cookie, "pack-starter");
    const [event] = await eventsOfCustomer(await customerOf(db(), buyer.id));
    if (!event) throw new Error("no event recorded");
    const before = await eventRowCount(db());
    const send = (body: string, signature: string | null) =>
      call("/api/webhooks/stripe", {
        method: "POST",
        headers: {
          "content-type": "application/json",
          ...(signature ? { "stripe-signature": signature } : {}),
        },
        body,
      });
    const stale = await signStripePayload(event.payload, {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    const wrongKey = await signStripePayload(event.payload, { secret: "whsec_someone_else" });
    const tampered = event.payload.replace(/"livemode":\s*false/, '"livemode": true');
    expect(tampered).not.toBe(event.payload);
    for (const [body, signature] of [
      [event.payload, null],
      [event.payload, "t=1,v1=deadbeef"],
      [event.payload, stale],
      [event.payload, wrongKey],
      [tampered, event.signature],
    ] as const) {
      await expectError(await send(body, signature), 400, "WEBHOOK_SIGNATURE_INVALID");
    }
    expect(await eventRowCount(db())).toBe(before);
    expect(await credits(buyer.cookie)).toBe(50);
    expect(env.STRIPE_WEBHOOK_SECRET).toMatch(/^whsec_/);
  });

  it("cancel at period end through the stand-in keeps membership until then", async () => {
    const buyer = await signUp();
    const { paid } = await buyAndPay(buyer.cookie, "sub-basic-monthly");
    await cancelSubscription(paid.subscription as string, true);
    await deliverAllFor(buyer.id);
    const sub = await subscriptionOf(buyer.id);
    expect(sub).toMatchObject({ status: "active", cancelAtPeriodEnd: true });
    const [me] = await db().select().from(user).where(eq(user.id, buyer.id));
    expect(me?.subExpiredAt?.getTime()).toBe(sub.currentPeriodEnd?.getTime());
  });
});
