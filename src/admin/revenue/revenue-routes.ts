import { z } from "@hono/zod-openapi";
import { createRouter } from "../../app/router";
import { type CsvColumn, csvFilename, csvResponse } from "../shared/csv";
import {
  CurrencyFilter,
  dayRangeQuery,
  monthRangeQuery,
  resolveDayRange,
  resolveMonthRange,
} from "../shared/ranges";
import { FormatQuery, ReportRangeSchema, reportRoute } from "../shared/tables";
import { totalsByCurrency } from "./grid";
import { monthlyProfit } from "./profit";
import {
  dailyRevenue,
  monthlyRecurringRevenue,
  monthlyRevenue,
  revenueByProduct,
} from "./revenue-queries";
import {
  DailyRevenueSchema,
  MonthlyRevenueSchema,
  MrrSchema,
  ProductRevenueSchema,
  ProfitSchema,
  RevenueTotalSchema,
} from "./schemas";

const filters = { currency: CurrencyFilter, ...FormatQuery.shape };
const DayQuery = dayRangeQuery(filters);
const MonthQuery = monthRangeQuery(filters);
const FIGURES = ["orders", "revenue", "refunded", "net"] as const;

const range = ReportRangeSchema;

const dailyRoute = reportRoute(
  "/api/admin/revenue/daily",
  "Revenue per UTC day and currency: paid, refunded (on the refund's day), net; empty days as 0",
  DayQuery,
  range.extend({ items: z.array(DailyRevenueSchema), totals: z.array(RevenueTotalSchema) }),
);
const monthlyRoute = reportRoute(
  "/api/admin/revenue/monthly",
  "Revenue per month and currency, split into packs, new subscriptions and renewals",
  MonthQuery,
  range.extend({ items: z.array(MonthlyRevenueSchema), totals: z.array(RevenueTotalSchema) }),
);
const productsRoute = reportRoute(
  "/api/admin/revenue/products",
  "Revenue per product and currency over a day range, best first",
  DayQuery,
  range.extend({ items: z.array(ProductRevenueSchema) }),
);
const mrrRoute = reportRoute(
  "/api/admin/revenue/mrr",
  "Monthly recurring revenue of the subscriptions Stripe still bills, per currency",
  z.object(filters),
  z.object({ asOf: z.iso.datetime(), items: z.array(MrrSchema) }),
);
const profitRoute = reportRoute(
  "/api/admin/profit",
  "Profit per month and currency: revenue after refunds − operation costs",
  MonthQuery,
  range.extend({
    items: z.array(ProfitSchema),
    totals: z.array(ProfitSchema.omit({ month: true })),
  }),
);

type Figures = Record<(typeof FIGURES)[number], number>;
const money = FIGURES.map((key): CsvColumn<Figures> => ({ header: key, value: (row) => row[key] }));

export const revenueReportRoutes = createRouter()
  .openapi(dailyRoute, async (c) => {
    const { currency, format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveDayRange(query, now());
    const items = await dailyRevenue(db, at, currency);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("revenue-daily", at.from, at.to, currency),
        columns: [
          { header: "date", value: (r) => r.date },
          { header: "currency", value: (r) => r.currency },
          ...money,
        ],
        batches: [items],
      });
    }
    return c.json({ ...at, items, totals: totalsByCurrency(items, [...FIGURES]) }, 200);
  })
  .openapi(monthlyRoute, async (c) => {
    const { currency, format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveMonthRange(query, now());
    const items = await monthlyRevenue(db, at, currency);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("revenue-monthly", at.from, at.to, currency),
        columns: [
          { header: "month", value: (r) => r.month },
          { header: "currency", value: (r) => r.currency },
          ...money,
          { header: "pack_revenue", value: (r) => r.packRevenue },
          { header: "new_subscription_revenue", value: (r) => r.newSubscriptionRevenue },
          { header: "renewal_revenue", value: (r) => r.renewalRevenue },
          { header: "packs", value: (r) => r.packs },
          { header: "new_subscriptions", value: (r) => r.newSubscriptions },
          { header: "renewals", value: (r) => r.renewals },
        ],
        batches: [items],
      });
    }
    return c.json({ ...at, items, totals: totalsByCurrency(items, [...FIGURES]) }, 200);
  })
  .openapi(productsRoute, async (c) => {
    const { currency, format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveDayRange(query, now());
    const items = await revenueByProduct(db, at, currency);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("revenue-products", at.from, at.to, currency),
        columns: [
          { header: "product_id", value: (r) => r.productId },
          { header: "product_name", value: (r) => r.productName },
          { header: "currency", value: (r) => r.currency },
          ...money,
        ],
        batches: [items],
      });
    }
    return c.json({ ...at, items }, 200);
  })
  .openapi(mrrRoute, async (c) => {
    const { currency, format } = c.req.valid("query");
    const { db, now } = c.get("services");
    const asOf = now().toISOString();
    const items = await monthlyRecurringRevenue(db, currency);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("mrr", asOf.slice(0, 10), currency),
        columns: [
          { header: "currency", value: (r) => r.currency },
          { header: "mrr", value: (r) => r.mrr },
          { header: "active_subscriptions", value: (r) => r.activeSubscriptions },
          { header: "monthly_plans", value: (r) => r.monthlyPlans },
          { header: "yearly_plans", value: (r) => r.yearlyPlans },
        ],
        batches: [items],
      });
    }
    return c.json({ asOf, items }, 200);
  })
  .openapi(profitRoute, async (c) => {
    const { currency, format, ...query } = c.req.valid("query");
    const { db, now } = c.get("services");
    const at = resolveMonthRange(query, now());
    const items = await monthlyProfit(db, at, currency);
    if (format === "csv") {
      return csvResponse(c, {
        filename: csvFilename("profit", at.from, at.to, currency),
        columns: [
          { header: "month", value: (r) => r.month },
          { header: "currency", value: (r) => r.currency },
          { header: "revenue", value: (r) => r.revenue },
          { header: "costs", value: (r) => r.costs },
          { header: "profit", value: (r) => r.profit },
        ],
        batches: [items],
      });
    }
    const totals = totalsByCurrency(items, ["revenue", "costs", "profit"]);
    return c.json({ ...at, items, totals }, 200);
  });
