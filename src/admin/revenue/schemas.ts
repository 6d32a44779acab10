import { z } from "@hono/zod-openapi";

const money = (description: string) => z.number().int().meta({ description });

const figures = {
  orders: z.number().int().meta({ description: "Orders paid in the period" }),
  revenue: money("Paid, in minor units of `currency`"),
  refunded: money("Refunded in the period (counted on the day of the refund)"),
  net: money("revenue − refunded"),
};

export const DailyRevenueSchema = z
  .object({ date: z.string().meta({ example: "2026-11-01" }), currency: z.string(), ...figures })
  .meta({ id: "AdminDailyRevenue" });

export const RevenueTotalSchema = z
  .object({ currency: z.string(), ...figures })
  .meta({ id: "AdminRevenueTotal" });

export const MonthlyRevenueSchema = z
  .object({
    month: z.string().meta({ example: "2026-11" }),
    currency: z.string(),
    ...figures,
    packRevenue: money("Credit packs"),
    newSubscriptionRevenue: money("First payments of subscriptions"),
    renewalRevenue: money("Renewal payments"),
    packs: z.number().int(),
    newSubscriptions: z.number().int(),
    renewals: z.number().int(),
  })
  .meta({ id: "AdminMonthlyRevenue" });

export const ProductRevenueSchema = z
  .object({ productId: z.string(), productName: z.string(), currency: z.string(), ...figures })
  .meta({ id: "AdminProductRevenue" });

export const MrrSchema = z
  .object({
    currency: z.string(),
    mrr: money("Monthly recurring revenue (yearly plans count a twelfth)"),
    activeSubscriptions: z.number().int(),
    monthlyPlans: z.number().int(),
    yearlyPlans: z.number().int(),
  })
  .meta({ id: "AdminMrr" });

export const ProfitSchema = z
  .object({
    month: z.string(),
    currency: z.string(),
    revenue: money("Revenue after refunds"),
    costs: money("Operation costs entered for the month"),
    profit: money("revenue − costs"),
  })
  .meta({ id: "AdminProfit" });

export const CostSchema = z
  .object({
    id: z.uuid(),
    month: z.string().meta({ example: "2026-11" }),
    platform: z.string().meta({ example: "cloudflare" }),
    amount: money("Minor units of `currency`"),
    currency: z.string(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "AdminOperationCost" });

const platform = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9 ._-]{0,63}$/, "1–64 characters: letters, digits, space . _ -")
  .meta({ description: "Stored lowercased: `Neon` and `neon` are one platform", example: "neon" });

export const CostBody = z
  .object({
    month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month, YYYY-MM"),
    platform,
    amount: z.number().int().min(0).max(2_000_000_000),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, "a three-letter ISO currency code")
      .transform((value) => value.toLowerCase()),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict()
  .meta({ id: "AdminOperationCostInput" });

export const CostPatchBody = CostBody.partial()
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: "nothing to change" })
  .meta({ id: "AdminOperationCostPatch" });
