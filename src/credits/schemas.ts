import { z } from "@hono/zod-openapi";
import { CREDIT_TRANS_TYPES } from "../db/schema";
import { PageQuerySchema } from "../lib/pagination";

export const CreditSummarySchema = z
  .object({
    balance: z.number().int().meta({ description: "Spendable now: unexpired, unspent credits" }),
    totalEarned: z.number().int().meta({ description: "Every credit ever granted" }),
    totalUsed: z.number().int().meta({ description: "Spent on generations, net of refunds" }),
    nextExpiringAt: z.iso.datetime().nullable(),
    nextExpiringAmount: z
      .number()
      .int()
      .meta({ description: "Credits expiring at nextExpiringAt" }),
  })
  .meta({ id: "CreditSummary" });

export const CreditEntrySchema = z
  .object({
    id: z.uuid(),
    type: z.enum(CREDIT_TRANS_TYPES),
    label: z.string().meta({ description: "The type, in the caller's language" }),
    amount: z.number().int().meta({ description: "Signed: + grants and refunds, - spends" }),
    remaining: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Grants: what is still unspent of this grant" }),
    expiresAt: z.iso.datetime().nullable(),
    orderNo: z.string().nullable(),
    generationUuid: z.uuid().nullable(),
    note: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "CreditEntry" });

const typeList = z
  .string()
  .max(300)
  .transform((raw, ctx) => {
    const types = raw.split(",").map((t) => t.trim());
    for (const type of types) {
      if (!(CREDIT_TRANS_TYPES as readonly string[]).includes(type)) {
        ctx.addIssue({
          code: "custom",
          message: `unknown type "${type}"; one of ${CREDIT_TRANS_TYPES.join(", ")}`,
        });
        return z.NEVER;
      }
    }
    return types as (typeof CREDIT_TRANS_TYPES)[number][];
  })
  .meta({ description: "Comma-separated entry types", example: "check_in,share" });

export const CreditHistoryQuery = PageQuerySchema.extend({ type: typeList.optional() });

export const CreditHistorySchema = z
  .object({ items: z.array(CreditEntrySchema), nextCursor: z.string().nullable() })
  .meta({ id: "CreditHistory" });

export const ExpiringQuery = z.object({
  days: z.coerce.number().int().min(1).max(365).default(7),
});

export const ExpiringCreditsSchema = z
  .object({
    days: z.number().int(),
    total: z.number().int().meta({ description: "Credits expiring within the window" }),
    items: z.array(
      z.object({
        grantId: z.uuid(),
        type: z.enum(CREDIT_TRANS_TYPES),
        label: z.string(),
        remaining: z.number().int(),
        expiresAt: z.iso.datetime(),
        grantedAt: z.iso.datetime(),
      }),
    ),
  })
  .meta({ id: "ExpiringCredits" });
