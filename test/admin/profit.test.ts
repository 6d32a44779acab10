import { describe, expect, it } from "vitest";
import { adminCsv, adminJson } from "../support/admin";
import { signUpAdmin } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { postJson } from "../support/http";
import { at, seedOrders } from "../support/orders";

const db = useTestDatabase();

// Currency xpa, January–March 2022: this file's alone.
describe("GET /api/admin/profit", () => {
  it("is revenue after refunds minus costs, per month and currency", async () => {
    const buyer = await createUser(db());
    await seedOrders(db(), buyer.id, [
      { amount: 10000, currency: "xpa", paidAt: at("2022-01-31T23:59:59.999Z") },
      {
        amount: 5000,
        currency: "xpa",
        paidAt: at("2022-02-01T00:00:00Z"),
        refundedAmount: 1000,
        refundedAt: at("2022-02-20T00:00:00Z"),
      },
    ]);
    const admin = await signUpAdmin();
    for (const cost of [
      { month: "2022-01", platform: "xpa-cloud", amount: 3000 },
      { month: "2022-01", platform: "xpa-db", amount: 2000 },
      { month: "2022-03", platform: "xpa-cloud", amount: 4000 },
    ]) {
      const res = await postJson(
        "/api/admin/costs",
        { ...cost, currency: "XPA" },
        { cookie: admin.cookie },
      );
      expect(res.status, await res.clone().text()).toBe(201);
    }
    const path = "/api/admin/profit?from=2022-01&to=2022-04&currency=xpa";
    const body = await adminJson<{ items: unknown[]; totals: unknown[] }>(admin, path);
    expect(body.items).toEqual([
      { month: "2022-01", currency: "xpa", revenue: 10000, costs: 5000, profit: 5000 },
      { month: "2022-02", currency: "xpa", revenue: 4000, costs: 0, profit: 4000 },
      { month: "2022-03", currency: "xpa", revenue: 0, costs: 4000, profit: -4000 },
      { month: "2022-04", currency: "xpa", revenue: 0, costs: 0, profit: 0 },
    ]);
    expect(body.totals).toEqual([{ currency: "xpa", revenue: 14000, costs: 9000, profit: 5000 }]);
    const csv = await adminCsv(admin, path);
    expect(csv.rows.map((r) => [r.month, r.revenue, r.costs, r.profit])).toEqual([
      ["2022-01", "10000", "5000", "5000"],
      ["2022-02", "4000", "0", "4000"],
      ["2022-03", "0", "4000", "-4000"],
      ["2022-04", "0", "0", "0"],
    ]);
  });
});
