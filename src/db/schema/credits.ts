import { sql } from "drizzle-orm";
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, timestamptz, uuidPk } from "./columns";

/** Ledger entry kinds. Grants add credits; debits remove them; refunds return spent credits. */
export const GRANT_TYPES = [
  "signup_bonus",
  "purchase",
  "subscription",
  "check_in",
  "share",
  "admin_grant",
] as const;
export const DEBIT_TYPES = ["generation", "expiry", "clawback", "admin_deduct"] as const;
export const CREDIT_TRANS_TYPES = [...GRANT_TYPES, ...DEBIT_TYPES, "refund"] as const;
export type CreditTransType = (typeof CREDIT_TRANS_TYPES)[number];

const transTypeList = CREDIT_TRANS_TYPES.map((t) => `'${t}'`).join(", ");
const grantTypeList = GRANT_TYPES.map((t) => `'${t}'`).join(", ");

/**
 * Append-only credits ledger. Amounts never change once written; `remaining` on grant rows is
 * the unspent part of that grant, maintained in the same transaction as the allocations that
 * consume or return it, so balance and FIFO reads need no aggregation over history.
 * (trans_type, source_id) is unique: every grant, spend and refund happens at most once.
 */
export const credits = pgTable(
  "credits",
  {
    id: uuidPk(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    transType: text("trans_type").notNull(),
    /** Signed: positive for grants and refunds, negative for debits. */
    amount: integer("amount").notNull(),
    /** Grants only: what is still unspent. Null on debits and refunds. */
    remaining: integer("remaining"),
    /** The idempotency key of the event: order no, generation uuid, invoice id, date... */
    sourceId: text("source_id").notNull(),
    orderNo: text("order_no"),
    generationUuid: uuid("generation_uuid"),
    expiresAt: timestamptz("expires_at"),
    /**
     * Grants only: set when the order behind the grant was refunded (clawback). A revoked grant
     * takes back no refunded credits, so a late generation refund cannot revive a refunded order.
     */
    revokedAt: timestamptz("revoked_at"),
    /** Shown to the user in their history (e.g. an admin grant's note). */
    note: text("note"),
    /** Facts about the entry for support and audits (refund: requested/forfeited; expiry: when). */
    metadata: jsonb("metadata").$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("credits_trans_type_source_id_key").on(t.transType, t.sourceId),
    index("credits_user_created_at_idx").on(t.userId, t.createdAt.desc()),
    // Spends lock and consume a user's live grants earliest-expiring first.
    index("credits_user_live_grants_idx").on(t.userId, t.expiresAt).where(sql`${t.remaining} > 0`),
    index("credits_order_no_idx").on(t.orderNo),
    index("credits_generation_uuid_idx").on(t.generationUuid),
    check("credits_trans_type_check", sql.raw(`trans_type in (${transTypeList})`)),
    check(
      "credits_amount_sign_check",
      sql.raw(
        `(trans_type in (${grantTypeList}) and amount > 0 and remaining between 0 and amount)` +
          // A refund whose grants all expired returns nothing but is still recorded (once).
          ` or (trans_type = 'refund' and amount >= 0 and remaining is null)` +
          ` or (trans_type not in (${grantTypeList}, 'refund') and amount < 0 and remaining is null)`,
      ),
    ),
  ],
);

/**
 * Which grants a debit consumed (positive amount) or a refund returned to (negative amount).
 * A grant's remaining = amount - sum(allocations). Refunds follow the allocations of the spend
 * they reverse, so returned credits keep their grant's expiry.
 */
export const creditAllocations = pgTable(
  "credit_allocations",
  {
    id: uuidPk(),
    entryId: uuid("entry_id")
      .notNull()
      .references(() => credits.id, { onDelete: "cascade" }),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => credits.id, { onDelete: "cascade" }),
    amount: integer("amount").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique("credit_allocations_entry_grant_key").on(t.entryId, t.grantId),
    index("credit_allocations_grant_id_idx").on(t.grantId),
    check("credit_allocations_amount_check", sql`${t.amount} <> 0`),
  ],
);
