import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type DayRange, monthsOf } from "../shared/ranges";
import { currenciesOf, fillGrid, num } from "./grid";
import { monthlyRevenue } from "./revenue-queries";

export interface ProfitRow {
  month: string;
  currency: string;
  revenue: number;
  costs: number;
  profit: number;
}

/**
 * Profit per month and currency: revenue after refunds (the revenue report's `net`) minus the
 * operation costs entered for that month in that currency. No conversion between currencies.
 */
export async function monthlyProfit(
  db: Database,
  range: DayRange,
  currency?: string,
): Promise<ProfitRow[]> {
  const [revenue, costs] = await Promise.all([
    monthlyRevenue(db, range, currency),
    db.execute<Record<string, string>>(sql`
      select month, currency, sum(amount) as costs from "operation_costs"
      where month between ${range.from} and ${range.to}
        ${currency ? sql`and currency = ${currency}` : sql``}
      group by 1, 2`),
  ]);
  const rows = new Map<string, ProfitRow>();
  for (const r of revenue) {
    if (r.orders === 0 && r.refunded === 0) continue;
    rows.set(`${r.month}|${r.currency}`, {
      month: r.month,
      currency: r.currency,
      revenue: r.net,
      costs: 0,
      profit: r.net,
    });
  }
  for (const c of costs.rows) {
    const key = `${c.month}|${c.currency}`;
    const row = rows.get(key) ?? {
      month: c.month as string,
      currency: c.currency as string,
      revenue: 0,
      costs: 0,
      profit: 0,
    };
    row.costs = num(c.costs);
    row.profit = row.revenue - row.costs;
    rows.set(key, row);
  }
  const currencies = currenciesOf(
    currency,
    [...rows.values()].map((r) => r.currency),
  );
  return fillGrid(monthsOf(range), currencies, rows, (month, cur) => ({
    month,
    currency: cur,
    revenue: 0,
    costs: 0,
    profit: 0,
  }));
}
