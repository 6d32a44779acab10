import { z } from "@hono/zod-openapi";
import { PageQuerySchema } from "../lib/pagination";

export const CheckoutBody = z
  .object({
    planId: z.string().min(1).max(64).meta({ example: "pack-starter" }),
    currency: z
      .string()
      .regex(/^[A-Za-z]{3}$/, "must be a 3-letter currency code")
      .optional()
      .meta({ example: "usd" }),
  })
  .strict()
  .meta({ id: "CheckoutRequest" });

export const CheckoutSchema = z
  .object({ url: z.url(), sessionId: z.string(), orderNo: z.string() })
  .meta({ id: "CheckoutSession" });

export const OrderSchema = z
  .object({
    orderNo: z.string(),
    productId: z.string(),
    productName: z.string(),
    amount: z.number().int().meta({ description: "Minor units (cents, yen…)" }),
    currency: z.string(),
    credits: z.number().int(),
    interval: z.enum(["one_time", "month", "year"]),
    status: z.enum(["created", "paid", "refunded", "failed"]),
    refundedAmount: z.number().int(),
    paidAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Order" });

export const OrderListSchema = z
  .object({ items: z.array(OrderSchema), nextCursor: z.string().nullable() })
  .meta({ id: "OrderList" });

export const OrderListQuery = PageQuerySchema;

export const SubscriptionStateSchema = z
  .object({
    subscription: z
      .object({
        planType: z.string(),
        interval: z.enum(["month", "year"]),
        status: z.string().meta({ description: "Stripe's status: active, past_due, canceled…" }),
        currentPeriodEnd: z.iso.datetime().nullable(),
        cancelAtPeriodEnd: z.boolean(),
        renewsAt: z.iso.datetime().nullable(),
        endsAt: z.iso.datetime().nullable(),
        creditsPerPeriod: z.number().int(),
        periodsPaid: z.number().int(),
      })
      .nullable(),
    member: z.boolean(),
    memberUntil: z.iso.datetime().nullable(),
  })
  .meta({ id: "SubscriptionState" });

export const PortalSchema = z.object({ url: z.url() }).meta({ id: "BillingPortalSession" });
