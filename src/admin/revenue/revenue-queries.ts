import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type DayRange, dayBounds, daysOf, monthBounds, monthsOf } from "../shared/ranges";
import { currenciesOf, fillGrid, num } from "./grid";

export interface DailyRevenue {
  date: string;
  currency: string;
  orders: number;
  revenue: number;
  refunded: number;
  net: number;
}

const currencyIs = (currency: string | undefined, column = sql.raw("currency")) =>
  currency ? sql`and ${column} = ${currency}` : sql``;

/** Paid revenue and refunds per UTC day and currency, from vw_orders_daily_revenue. */
export async function dailyRevenue(
  db: Database,
  range: DayRange,
  currency?: string,
): Promise<DailyRevenue[]> {
  const result = await db.execute<Record<string, string>>(sql`
    select to_char(date, 'YYYY-MM-DD') as date, currency, orders, revenue, refunded, net_revenue
    from "vw_orders_daily_revenue"
    where date between ${range.from}::date and ${range.to}::date ${currencyIs(currency)}`);
  const rows = new Map<string, DailyRevenue>();
  for (const r of result.rows) {
    rows.set(`${r.date}|${r.currency}`, {
      date: r.date as string,
      currency: r.currency as string,
      orders: num(r.orders),
      revenue: num(r.revenue),
      refunded: num(r.refunded),
      net: num(r.net_revenue),
    });
  }
  const currencies = currenciesOf(
    currency,
    [...rows.values()].map((r) => r.currency),
  );
  return fillGrid(daysOf(range), currencies, rows, (date, cur) => ({
    date,
    currency: cur,
    orders: 0,
    revenue: 0,
    refunded: 0,
    net: 0,
  }));
}

export interface MonthlyRevenue {
  month: string;
  currency: string;
  orders: number;
  revenue: number;
  refunded: number;
  net: number;
  packRevenue: number;
  newSubscriptionRevenue: number;
  renewalRevenue: number;
  packs: number;
  newSubscriptions: number;
  renewals: number;
}

/**
 * Monthly totals (the view's days summed) with the paid revenue split into packs, first
 * subscription payments and renewals (an order's sub_times: 1 = the first period).
 */
export async function monthlyRevenue(
  db: Database,
  range: DayRange,
  currency?: string,
): Promise<MonthlyRevenue[]> {
  const { start, end } = monthBounds(range);
  const [totals, split] = await Promise.all([
    db.execute<Record<string, string>>(sql`
      select to_char(date, 'YYYY-MM') as month, currency, sum(orders) as orders,
        sum(revenue) as revenue, sum(refunded) as refunded, sum(net_revenue) as net
      from "vw_orders_daily_revenue"
      where date >= ${start.toISOString()}::date and date < ${end.toISOString()}::date
        ${currencyIs(currency)}
      group by 1, 2`),
    db.execute<Record<string, string>>(sql`
      select to_char(paid_at at time zone 'UTC', 'YYYY-MM') as month, currency,
        coalesce(sum(amount) filter (where interval = 'one_time'), 0) as pack_revenue,
        coalesce(sum(amount) filter (where interval <> 'one_time' and coalesce(sub_times, 1) <= 1), 0) as new_revenue,
        coalesce(sum(amount) filter (where interval <> 'one_time' and sub_times > 1), 0) as renewal_revenue,
        count(*) filter (where interval = 'one_time') as packs,
        count(*) filter (where interval <> 'one_time' and coalesce(sub_times, 1) <= 1) as new_subs,
        count(*) filter (where interval <> 'one_time' and sub_times > 1) as renewals
      from "orders"
      where status in ('paid', 'refunded') and paid_at >= ${start.toISOString()}::timestamptz
        and paid_at < ${end.toISOString()}::timestamptz ${currencyIs(currency)}
      group by 1, 2`),
  ]);
  const splitOf = new Map(split.rows.map((r) => [`${r.month}|${r.currency}`, r]));
  const rows = new Map<string, MonthlyRevenue>();
  for (const r of totals.rows) {
    const key = `${r.month}|${r.currency}`;
    const s = splitOf.get(key) ?? {};
    rows.set(key, {
      month: r.month as string,
      currency: r.currency as string,
      orders: num(r.orders),
      revenue: num(r.revenue),
      refunded: num(r.refunded),
      net: num(r.net),
      packRevenue: num(s.pack_revenue),
      newSubscriptionRevenue: num(s.new_revenue),
      renewalRevenue: num(s.renewal_revenue),
      packs: num(s.packs),
      newSubscriptions: num(s.new_subs),
      renewals: num(s.renewals),
    });
  }
  const currencies = currenciesOf(
    currency,
    [...rows.values()].map((r) => r.currency),
  );
  return fillGrid(monthsOf(range), currencies, rows, (month, cur) => ({
    month,
    currency: cur,
    orders: 0,
    revenue: 0,
    refunded: 0,
    net: 0,
    packRevenue: 0,
    newSubscriptionRevenue: 0,
    renewalRevenue: 0,
    packs: 0,
    newSubscriptions: 0,
    renewals: 0,
  }));
}

export interface ProductRevenue {
  productId: string;
  productName: string;
  currency: string;
  orders: number;
  revenue: number;
  refunded: number;
  net: number;
}

/** Revenue per product and currency over a day range (refunds on their own day), best first. */
export async function revenueByProduct(
  db: Database,
  range: DayRange,
  currency?: string,
): Promise<ProductRevenue[]> {
  const { start, end } = dayBounds(range);
  const result = await db.execute<Record<string, string>>(sql`
    with movements as (
      select product_id, product_name, currency, amount::bigint as revenue, 1 as orders,
        0::bigint as refunded, paid_at as at
      from "orders"
      where status in ('paid', 'refunded') and paid_at is not null
      union all
      select product_id, product_name, currency, 0, 0, refunded_amount::bigint, refunded_at
      from "orders"
      where refunded_at is not null and refunded_amount > 0 and paid_at is not null
    )
    select product_id, max(product_name) as product_name, currency, sum(orders) as orders,
      sum(revenue) as revenue, sum(refunded) as refunded
    from movements
    where at >= ${start.toISOString()}::timestamptz and at < ${end.toISOString()}::timestamptz
      ${currencyIs(currency)}
    group by product_id, currency
    order by sum(revenue) - sum(refunded) desc, product_id, currency`);
  return result.rows.map((r) => ({
    productId: r.product_id as string,
    productName: r.product_name as string,
    currency: r.currency as string,
    orders: num(r.orders),
    revenue: num(r.revenue),
    refunded: num(r.refunded),
    net: num(r.revenue) - num(r.refunded),
  }));
}

export interface MrrRow {
  currency: string;
  mrr: number;
  activeSubscriptions: number;
  monthlyPlans: number;
  yearlyPlans: number;
}

/** Subscription states Stripe still bills: they count towards MRR. */
export const BILLED_STATUSES = ["active", "trialing", "past_due"] as const;

/**
 * Monthly recurring revenue now: each billed subscription is worth what its latest paid order
 * charged, in that order's currency (a yearly one a twelfth, rounded per subscription).
 */
export async function monthlyRecurringRevenue(db: Database, currency?: string): Promise<MrrRow[]> {
  const result = await db.execute<Record<string, string>>(sql`
    select o.currency,
      sum(case when o.interval = 'year' then round(o.amount / 12.0) else o.amount end) as mrr,
      count(*) as active,
      count(*) filter (where o.interval <> 'year') as monthly,
      count(*) filter (where o.interval = 'year') as yearly
    from "subscriptions" s
    join lateral (
      select amount, currency, interval from "orders"
      where stripe_subscription_id = s.stripe_subscription_id and status = 'paid'
      order by paid_at desc limit 1
    ) o on true
    where s.status in (${sql.join(
      BILLED_STATUSES.map((status) => sql`${status}`),
      sql`, `,
    )}) ${currencyIs(currency, sql.raw("o.currency"))}
    group by o.currency
    order by o.currency`);
  return result.rows.map((r) => ({
    currency: r.currency as string,
    mrr: num(r.mrr),
    activeSubscriptions: num(r.active),
    monthlyPlans: num(r.monthly),
    yearlyPlans: num(r.yearly),
  }));
}
