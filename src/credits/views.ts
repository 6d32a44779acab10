import type { z } from "@hono/zod-openapi";
import type { CreditTransType } from "../db/schema";
import type { Translate } from "../i18n/translate";
import type { CreditEntrySchema } from "./schemas";
import type { LedgerEntry } from "./service";

export const creditLabel = (t: Translate, type: string) => t(`credits.types.${type}`);

/** A ledger row as clients see it (explicit fields; metadata stays internal). */
export function creditEntryView(t: Translate, row: LedgerEntry): z.infer<typeof CreditEntrySchema> {
  return {
    id: row.id,
    type: row.transType as CreditTransType,
    label: creditLabel(t, row.transType),
    amount: row.amount,
    remaining: row.remaining,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    orderNo: row.orderNo,
    generationUuid: row.generationUuid,
    note: row.note,
    createdAt: row.createdAt.toISOString(),
  };
}
