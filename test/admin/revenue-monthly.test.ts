import { describe, expect, it } from "vitest";
import { adminCsv, adminJson } from "../support/admin";
import { signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { at, seedOrders, seedSubscription } from "../support/orders";

const db = useTestDatabase();

// Currencies xma (monthly) and xmr (MRR), June–August 2021: this file's alone.
describe("GET /api/admin/revenue/monthly", () => {
  it("splits each month's revenue into packs, first subscription payments and renewals", async () => {
    const buyer = await createUser(db());
    const sub = { currency: "xma", interval: "month", stripeSubscriptionId: "sub_xma_monthly" };
    await seedOrders(db(), buyer.id, [
      { amount: 1000, currency: "xma", paidAt: at("2021-06-05T00:00:00Z") },
      { ...sub, amount: 2000, subTimes: 1, paidAt: at("2021-06-10T00:00:00Z") },
      { ...sub, amount: 2000, subTimes: 2, paidAt: at("2021-07-10T00:00:00Z") },
      {
        ...sub,
        amount: 2000,
        subTimes: 3,
        status: "refunded",
        paidAt: at("2021-08-10T00:00:00Z"),
        refundedAmount: 2000,
        refundedAt: at("2021-08-11T00:00:00Z"),
      },
      {
        amount: 12000,
        currency: "xma",
        interval: "year",
        subTimes: 1,
        paidAt: at("2021-07-31T23:59:59.999Z"),
      },
    ]);
    const admin = await signUpAdmin();
    const path = "/api/admin/revenue/monthly?from=2021-05&to=2021-08&currency=xma";
    const body = await adminJson<{ items: Record<string, unknown>[]; totals: unknown[] }>(
      admin,
      path,
    );
    const empty = { orders: 0, revenue: 0, refunded: 0, net: 0, packs: 0, renewals: 0 };
    expect(body.items).toEqual([
      {
        month: "2021-05",
        currency: "xma",
        ...empty,
        packRevenue: 0,
        newSubscriptionRevenue: 0,
        renewalRevenue: 0,
        newSubscriptions: 0,
      },
      {
        month: "2021-06",
        currency: "xma",
        orders: 2,
        revenue: 3000,
        refunded: 0,
        net: 3000,
        packRevenue: 1000,
        newSubscriptionRevenue: 2000,
        renewalRevenue: 0,
        packs: 1,
        newSubscriptions: 1,
        renewals: 0,
      },
      {
        month: "2021-07",
        currency: "xma",
        orders: 2,
        revenue: 14000,
        refunded: 0,
        net: 14000,
        packRevenue: 0,
        newSubscriptionRevenue: 12000,
        renewalRevenue: 2000,
        packs: 0,
        newSubscriptions: 1,
        renewals: 1,
      },
      {
        month: "2021-08",
        currency: "xma",
        orders: 1,
        revenue: 2000,
        refunded: 2000,
        net: 0,
        packRevenue: 0,
        newSubscriptionRevenue: 0,
        renewalRevenue: 2000,
        packs: 0,
        newSubscriptions: 0,
        renewals: 1,
      },
    ]);
    expect(body.totals).toEqual([
      { currency: "xma", orders: 5, revenue: 19000, refunded: 2000, net: 17000 },
    ]);
    const csv = await adminCsv(admin, path);
    expect(csv.filename).toBe("aniforge-revenue-monthly-2021-05_2021-08_xma.csv");
    expect(
      csv.rows.map((r) => [r.month, Number(r.net), Number(r.renewal_revenue), Number(r.packs)]),
    ).toEqual([
      ["2021-05", 0, 0, 0],
      ["2021-06", 3000, 0, 1],
      ["2021-07", 14000, 2000, 0],
      ["2021-08", 0, 2000, 0],
    ]);
  });
});

describe("GET /api/admin/revenue/mrr", () => {
  it("sums the latest paid price of every billed subscription, yearly ones as a twelfth", async () => {
    const owner = await createUser(db());
    const paid = (
      s: { stripeSubscriptionId: string },
      amount: number,
      paidAt: string,
      interval = "month",
    ) =>
      seedOrders(db(), owner.id, [
        {
          amount,
          currency: "xmr",
          interval,
          stripeSubscriptionId: s.stripeSubscriptionId,
          paidAt: at(paidAt),
        },
      ]);
    const monthly = await seedSubscription(db(), owner.id);
    await paid(monthly, 1000, "2021-06-01T00:00:00Z");
    await paid(monthly, 1500, "2021-07-01T00:00:00Z"); // a price change: the latest counts
    const yearly = await seedSubscription(db(), owner.id, { interval: "year" });
    await paid(yearly, 12006, "2021-06-15T00:00:00Z", "year");
    const pastDue = await seedSubscription(db(), owner.id, { status: "past_due" });
    await paid(pastDue, 900, "2021-06-20T00:00:00Z");
    const canceled = await seedSubscription(db(), owner.id, { status: "canceled" });
    await paid(canceled, 5000, "2021-06-20T00:00:00Z");
    const refundedOnly = await seedSubscription(db(), owner.id);
    await seedOrders(db(), owner.id, [
      {
        amount: 700,
        currency: "xmr",
        interval: "month",
        status: "refunded",
        stripeSubscriptionId: refundedOnly.stripeSubscriptionId,
        paidAt: at("2021-06-20T00:00:00Z"),
        refundedAmount: 700,
        refundedAt: at("2021-06-21T00:00:00Z"),
      },
    ]);
    const admin = await signUpAdmin();
    const body = await adminJson<{ asOf: string; items: unknown[] }>(
      admin,
      "/api/admin/revenue/mrr?currency=xmr",
    );
    expect(body.items).toEqual([
      {
        currency: "xmr",
        mrr: 1500 + 1001 + 900,
        activeSubscriptions: 3,
        monthlyPlans: 2,
        yearlyPlans: 1,
      },
    ]);
    const csv = await adminCsv(admin, "/api/admin/revenue/mrr?currency=xmr");
    expect(csv.rows).toEqual([
      {
        currency: "xmr",
        mrr: "3401",
        active_subscriptions: "3",
        monthly_plans: "2",
        yearly_plans: "1",
      },
    ]);
  });
});
