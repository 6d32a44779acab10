import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { orders, subscriptions } from "../../src/db/schema";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { call, expectError } from "../support/http";

const db = useTestDatabase();

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
interface AdminOrder {
  orderNo: string;
  user: { id: string; email: string };
  amount: number;
  currency: string;
  status: string;
  refundedAmount: number;
  paidAt: string | null;
  subTimes: number | null;
  stripeSubscriptionId: string | null;
  createdAt: string;
}
interface AdminSubscription {
  id: string;
  stripeSubscriptionId: string;
  user: { id: string; email: string };
  status: string;
  planType: string;
  cancelAtPeriodEnd: boolean;
  periodsPaid: number;
  currentPeriodEnd: string | null;
}

/**
 * One buyer's orders across UTC day boundaries of March 2013 (no other test seeds that month
 * for this user). `no` numbers them; order numbers carry the test's tag.
 */
async function seedOrders() {
  const t = randomUUID().slice(0, 8);
  const buyer = await createUser(db(), { email: `buyer-${t}@shop.test` });
  const other = await createUser(db(), { email: `other-${t}@shop.test` });
  const base = { productName: "Pack", credits: 100, interval: "one_time" as const };
  const rows = [
    // created_at, status, currency, product, interval, amount
    ["2013-03-01T00:00:00Z", "paid", "usd", "pack-s", "one_time", 500, buyer.id],
    ["2013-03-01T23:59:59.999Z", "refunded", "usd", "pro-month", "month", 900, buyer.id],
    ["2013-03-02T00:00:00Z", "paid", "eur", "pro-month", "month", 800, buyer.id],
    ["2013-03-03T12:00:00Z", "failed", "usd", "pro-year", "year", 9000, buyer.id],
    ["2013-03-03T13:00:00Z", "paid", "usd", "pack-s", "one_time", 500, other.id],
  ] as const;
  await db()
    .insert(orders)
    .values(
      rows.map(([at, status, currency, productId, interval, amount, userId], i) => ({
        ...base,
        orderNo: `ord-${t}-${i + 1}`,
        userId,
        productId,
        interval,
        status,
        currency,
        amount,
        refundedAmount: status === "refunded" ? amount : 0,
        paidAt: status === "failed" ? null : new Date(at),
        subTimes: interval === "one_time" ? null : 1,
        stripeSubscriptionId: interval === "one_time" ? null : `sub_${t}_${i}`,
        stripeSessionId: `cs_${t}_${i}`,
        createdAt: new Date(at),
      })),
    );
  return { t, buyer, other, no: (n: number) => `ord-${t}-${n}` };
}

describe("GET /api/admin/orders", () => {
  it("filters by status, currency, product, interval, user, order number, email and UTC days", async () => {
    const admin = await signUpAdmin();
    const { t, buyer, other, no } = await seedOrders();
    const list = async (query: string) =>
      (await adminJson<Page<AdminOrder>>(admin, `/api/admin/orders?q=${t}&${query}`)).items.map(
        (i) => i.orderNo,
      );
    expect(await list("")).toEqual([no(5), no(4), no(3), no(2), no(1)]);
    expect(await list("status=paid")).toEqual([no(5), no(3), no(1)]);
    expect(await list("currency=EUR")).toEqual([no(3)]);
    expect(await list("productId=pro-month")).toEqual([no(3), no(2)]);
    expect(await list("interval=year")).toEqual([no(4)]);
    expect(await list(`userId=${other.id}`)).toEqual([no(5)]);
    expect(await list("from=2013-03-01&to=2013-03-01")).toEqual([no(2), no(1)]);
    expect(await list("from=2013-03-02&to=2013-03-03")).toEqual([no(5), no(4), no(3)]);
    expect(await list("from=2013-03-04&to=2013-03-31")).toEqual([]);

    const exact = await adminJson<Page<AdminOrder>>(admin, `/api/admin/orders?q=${no(2)}`);
    expect(exact.items).toEqual([
      expect.objectContaining({
        orderNo: no(2),
        user: { id: buyer.id, email: buyer.email },
        amount: 900,
        currency: "usd",
        status: "refunded",
        refundedAmount: 900,
        paidAt: "2013-03-01T23:59:59.999Z",
        subTimes: 1,
        stripeSubscriptionId: `sub_${t}_1`,
        createdAt: "2013-03-01T23:59:59.999Z",
      }),
    ]);
    // A fragment of an order number is not a match: only an exact number or the email.
    const partial = await adminJson<Page<AdminOrder>>(admin, `/api/admin/orders?q=ord-${t}`);
    expect(partial.items).toEqual([]);
  });

  it("pages without gaps and exports the filtered list as CSV", async () => {
    const admin = await signUpAdmin();
    const { t, no } = await seedOrders();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const page: Page<AdminOrder> = await adminJson(
        admin,
        `/api/admin/orders?q=buyer-${t}&limit=2${after}`,
      );
      seen.push(...page.items.map((i) => i.orderNo));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([no(4), no(3), no(2), no(1)]);

    const { rows, filename } = await adminCsv(
      admin,
      `/api/admin/orders?q=${t}&from=2013-03-01&to=2013-03-02&limit=1`,
    );
    expect(filename).toBe("aniforge-orders-2013-03-01_2013-03-02.csv");
    expect(
      rows.map((r) => [r.order_no, r.amount, r.currency, r.status, r.refunded_amount]),
    ).toEqual([
      [no(3), "800", "eur", "paid", "0"],
      [no(2), "900", "usd", "refunded", "900"],
      [no(1), "500", "usd", "paid", "0"],
    ]);
    expect(rows[1]?.paid_at).toBe("2013-03-01T23:59:59.999Z");
  });

  it("rejects bad filters; admins only", async () => {
    const admin = await signUpAdmin();
    for (const query of [
      "status=paidish",
      "currency=dollars",
      "from=2013-02-30",
      "interval=week",
    ]) {
      await expectError(
        await call(`/api/admin/orders?${query}`, { headers: { cookie: admin.cookie } }),
        400,
        "VALIDATION_FAILED",
      );
    }
    await expectError(
      await call("/api/admin/orders?from=2013-03-02&to=2013-03-01", {
        headers: { cookie: admin.cookie },
      }),
      400,
      "VALIDATION_FAILED",
    );
    const user = await signUp();
    await expectError(
      await call("/api/admin/orders", { headers: { cookie: user.cookie } }),
      403,
      "FORBIDDEN",
    );
  });
});

describe("GET /api/admin/subscriptions", () => {
  async function seedSubscriptions() {
    const t = randomUUID().slice(0, 8);
    const owner = await createUser(db(), { email: `subs-${t}@shop.test` });
    const end = new Date("2013-04-01T00:00:00Z");
    const rows = [
      ["active", "pro", "month", false, 3],
      ["canceled", "pro", "year", true, 1],
      ["active", "max", "month", true, 2],
    ] as const;
    await db()
      .insert(subscriptions)
      .values(
        rows.map(([status, planType, interval, cancelAtPeriodEnd, subTimes], i) => ({
          stripeSubscriptionId: `sub_${t}_${i + 1}`,
          userId: owner.id,
          planType,
          interval,
          status,
          cancelAtPeriodEnd,
          subTimes,
          creditsPerPeriod: 1000,
          currentPeriodEnd: end,
          createdAt: new Date(Date.UTC(2013, 2, 1 + i)),
        })),
      );
    return { t, owner, sub: (n: number) => `sub_${t}_${n}` };
  }

  it("filters by status, plan and interval, pages, and exports CSV", async () => {
    const admin = await signUpAdmin();
    const { owner, sub } = await seedSubscriptions();
    const list = async (query: string) =>
      (
        await adminJson<Page<AdminSubscription>>(
          admin,
          `/api/admin/subscriptions?userId=${owner.id}&${query}`,
        )
      ).items.map((i) => i.stripeSubscriptionId);
    expect(await list("")).toEqual([sub(3), sub(2), sub(1)]);
    expect(await list("status=active")).toEqual([sub(3), sub(1)]);
    expect(await list("planType=pro")).toEqual([sub(2), sub(1)]);
    expect(await list("interval=year")).toEqual([sub(2)]);

    const first = await adminJson<Page<AdminSubscription>>(
      admin,
      `/api/admin/subscriptions?userId=${owner.id}&limit=2`,
    );
    expect(first.items[0]).toMatchObject({
      user: { id: owner.id, email: owner.email },
      status: "active",
      planType: "max",
      cancelAtPeriodEnd: true,
      periodsPaid: 2,
      currentPeriodEnd: "2013-04-01T00:00:00.000Z",
    });
    const second = await adminJson<Page<AdminSubscription>>(
      admin,
      `/api/admin/subscriptions?userId=${owner.id}&limit=2&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
    );
    expect(second.items.map((i) => i.stripeSubscriptionId)).toEqual([sub(1)]);
    expect(second.nextCursor).toBeNull();

    const { rows } = await adminCsv(admin, `/api/admin/subscriptions?userId=${owner.id}&limit=1`);
    expect(rows.map((r) => [r.stripe_subscription_id, r.status, r.periods_paid])).toEqual([
      [sub(3), "active", "2"],
      [sub(2), "canceled", "1"],
      [sub(1), "active", "3"],
    ]);
    expect(rows[0]?.user_email).toBe(owner.email);
  });

  it("rejects bad filters; admins only", async () => {
    const admin = await signUpAdmin();
    for (const query of ["status=happy", "interval=day", "userId=me"]) {
      await expectError(
        await call(`/api/admin/subscriptions?${query}`, { headers: { cookie: admin.cookie } }),
        400,
        "VALIDATION_FAILED",
      );
    }
    await expectError(await call("/api/admin/subscriptions"), 401, "UNAUTHENTICATED");
  });
});
