import { describe, expect, it } from "vitest";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { call, expectError, issuesOf } from "../support/http";
import { at, seedOrders } from "../support/orders";

const db = useTestDatabase();

interface Daily {
  date: string;
  currency: string;
  orders: number;
  revenue: number;
  refunded: number;
  net: number;
}

// Currencies xda/xdb and March 2021 belong to this file alone.
async function seedMarch() {
  const buyer = await createUser(db());
  await seedOrders(db(), buyer.id, [
    { amount: 1000, currency: "xda", paidAt: at("2021-03-01T10:00:00Z"), productId: "pack-a" },
    {
      amount: 2500,
      currency: "xda",
      productId: "pack-b",
      status: "refunded",
      paidAt: at("2021-03-01T23:59:59.999Z"),
      refundedAmount: 2500,
      refundedAt: at("2021-03-03T00:00:00Z"),
    },
    {
      amount: 700,
      currency: "xda",
      productId: "pack-a",
      paidAt: at("2021-03-02T00:00:00Z"),
      refundedAmount: 200,
      refundedAt: at("2021-03-02T12:00:00Z"),
    },
    { amount: 5000, currency: "xdb", paidAt: at("2021-03-02T08:00:00Z"), productId: "plan-x" },
    // Never paid, or failed: not revenue.
    { amount: 9999, currency: "xda", status: "created", paidAt: null },
    { amount: 300, currency: "xda", status: "failed", paidAt: null },
  ]);
}

const zero = (date: string, currency: string): Daily => ({
  date,
  currency,
  orders: 0,
  revenue: 0,
  refunded: 0,
  net: 0,
});

describe("GET /api/admin/revenue/daily and /products", () => {
  it("counts revenue on the UTC day paid and refunds on the day refunded, with empty days as 0", async () => {
    await seedMarch();
    const admin = await signUpAdmin();
    const range = "from=2021-03-01&to=2021-03-04";
    const body = await adminJson<{ from: string; to: string; items: Daily[]; totals: unknown[] }>(
      admin,
      `/api/admin/revenue/daily?${range}`,
    );
    expect(body.from).toBe("2021-03-01");
    expect(body.items).toEqual([
      { date: "2021-03-01", currency: "xda", orders: 2, revenue: 3500, refunded: 0, net: 3500 },
      zero("2021-03-01", "xdb"),
      { date: "2021-03-02", currency: "xda", orders: 1, revenue: 700, refunded: 200, net: 500 },
      { date: "2021-03-02", currency: "xdb", orders: 1, revenue: 5000, refunded: 0, net: 5000 },
      { date: "2021-03-03", currency: "xda", orders: 0, revenue: 0, refunded: 2500, net: -2500 },
      zero("2021-03-03", "xdb"),
      zero("2021-03-04", "xda"),
      zero("2021-03-04", "xdb"),
    ]);
    expect(body.totals).toEqual([
      { currency: "xda", orders: 3, revenue: 4200, refunded: 2700, net: 1500 },
      { currency: "xdb", orders: 1, revenue: 5000, refunded: 0, net: 5000 },
    ]);

    const one = await adminJson<{ items: Daily[] }>(
      admin,
      `/api/admin/revenue/daily?${range}&currency=XDB`,
    );
    expect(one.items.map((i) => [i.date, i.currency, i.net])).toEqual([
      ["2021-03-01", "xdb", 0],
      ["2021-03-02", "xdb", 5000],
      ["2021-03-03", "xdb", 0],
      ["2021-03-04", "xdb", 0],
    ]);

    const csv = await adminCsv(admin, `/api/admin/revenue/daily?${range}`);
    expect(csv.filename).toBe("aniforge-revenue-daily-2021-03-01_2021-03-04.csv");
    expect(
      csv.rows.map((r) => ({
        date: r.date,
        currency: r.currency,
        orders: Number(r.orders),
        revenue: Number(r.revenue),
        refunded: Number(r.refunded),
        net: Number(r.net),
      })),
    ).toEqual(body.items);

    const products = await adminJson<{ items: unknown[] }>(
      admin,
      `/api/admin/revenue/products?${range}`,
    );
    expect(products.items).toEqual([
      {
        productId: "plan-x",
        productName: "Starter pack",
        currency: "xdb",
        orders: 1,
        revenue: 5000,
        refunded: 0,
        net: 5000,
      },
      {
        productId: "pack-a",
        productName: "Starter pack",
        currency: "xda",
        orders: 2,
        revenue: 1700,
        refunded: 200,
        net: 1500,
      },
      {
        productId: "pack-b",
        productName: "Starter pack",
        currency: "xda",
        orders: 1,
        revenue: 2500,
        refunded: 2500,
        net: 0,
      },
    ]);
    const productCsv = await adminCsv(admin, `/api/admin/revenue/products?${range}`);
    expect(productCsv.rows.map((r) => [r.product_id, r.currency, Number(r.net)])).toEqual([
      ["plan-x", "xdb", 5000],
      ["pack-a", "xda", 1500],
      ["pack-b", "xda", 0],
    ]);
  });

  it("answers a bad range with 400 and non-admins with 403/401", async () => {
    const admin = await signUpAdmin();
    const cases: [string, string][] = [
      ["from=2021-03-05&to=2021-03-01", "to"],
      ["from=2020-01-01&to=2021-03-01", "to"],
      ["from=2021-02-30", "from"],
      ["currency=us", "currency"],
      ["format=xml", "format"],
    ];
    for (const [query, path] of cases) {
      const res = await call(`/api/admin/revenue/daily?${query}`, {
        headers: { cookie: admin.cookie },
      });
      const body = await expectError(res, 400, "VALIDATION_FAILED");
      expect(
        issuesOf(body).map((i) => i.path),
        query,
      ).toContain(path);
    }
    const user = await signUp();
    await expectError(
      await call("/api/admin/revenue/daily", { headers: { cookie: user.cookie } }),
      403,
      "FORBIDDEN",
    );
    await expectError(await call("/api/admin/revenue/products"), 401, "UNAUTHENTICATED");
  });
});
