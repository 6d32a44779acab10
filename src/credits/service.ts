import { and, asc, eq, gt, isNull, or, sql } from "drizzle-orm";
import { creditAllocations, credits } from "../db/schema";
import { type Executor, inTransaction } from "../db/transaction";
import { ApiError } from "../lib/errors";
import { allocateSpend, type LiveGrant, planRefund } from "./fifo";
import {
  adjustGrants,
  assertAmount,
  assertSameEntry,
  findEntry,
  type GrantType,
  type LedgerEntry,
  lockLedger,
  recordAllocations,
  type SpendType,
} from "./ledger-core";

/**
 * The credits ledger: the only code that changes credits. Every operation
 *  - takes the user's ledger lock (a row lock on their user row) before reading what it will
 *    change, so under READ COMMITTED each one sees the committed result of the one before;
 *  - is idempotent by the unique (trans_type, source_id) key: a repeat returns the first result.
 * Clawbacks of refunded orders are in clawback.ts.
 * Each joins the caller's transaction when given one (`inTransaction`).
 */

export { clawbackOrder } from "./clawback";
export type { GrantType, LedgerEntry, SpendType } from "./ledger-core";
export { lockLedger, MAX_LEDGER_AMOUNT } from "./ledger-core";

export interface GrantInput {
  userId: string;
  amount: number;
  type: GrantType;
  /** What makes this grant unique within its type: order no, invoice id, user id + day... */
  sourceId: string;
  expiresAt?: Date | null;
  orderNo?: string | null;
  note?: string | null;
  metadata?: Record<string, unknown>;
}

/** Adds credits, at most once per (type, sourceId). */
export async function grantCredits(
  db: Executor,
  input: GrantInput,
): Promise<{ entry: LedgerEntry; created: boolean }> {
  assertAmount(input.amount);
  const [inserted] = await db
    .insert(credits)
    .values({
      userId: input.userId,
      transType: input.type,
      amount: input.amount,
      remaining: input.amount,
      sourceId: input.sourceId,
      orderNo: input.orderNo ?? null,
      expiresAt: input.expiresAt ?? null,
      note: input.note ?? null,
      metadata: input.metadata ?? null,
    })
    .onConflictDoNothing({ target: [credits.transType, credits.sourceId] })
    .returning();
  if (inserted) return { entry: inserted, created: true };
  const existing = await findEntry(db, input.type, input.sourceId);
  if (!existing) throw new Error("credits ledger: grant conflicted but no row was found");
  assertSameEntry(existing, input.userId, input.amount);
  return { entry: existing, created: false };
}

export interface SpendInput {
  userId: string;
  amount: number;
  /** The thing paid for; a generation's uuid. One spend per source. */
  sourceId: string;
  type?: SpendType;
  generationUuid?: string | null;
  now: Date;
}

/**
 * Takes credits from the earliest-expiring live grants. Not enough → INSUFFICIENT_CREDITS and
 * nothing written. A repeat with the same source returns the first spend.
 */
export function spendCredits(
  db: Executor,
  input: SpendInput,
): Promise<{ entry: LedgerEntry; replayed: boolean }> {
  assertAmount(input.amount);
  const type = input.type ?? "generation";
  return inTransaction(db, async (tx) => {
    await lockLedger(tx, input.userId);
    const previous = await findEntry(tx, type, input.sourceId);
    if (previous) {
      assertSameEntry(previous, input.userId, -input.amount);
      return { entry: previous, replayed: true };
    }
    const grants: LiveGrant[] = await tx
      .select({
        id: credits.id,
        remaining: sql<number>`${credits.remaining}`,
        expiresAt: credits.expiresAt,
        createdAt: credits.createdAt,
      })
      .from(credits)
      .where(
        and(
          eq(credits.userId, input.userId),
          gt(credits.remaining, 0),
          isNull(credits.revokedAt),
          or(isNull(credits.expiresAt), gt(credits.expiresAt, input.now)),
        ),
      )
      .orderBy(asc(credits.expiresAt), asc(credits.createdAt), asc(credits.id));
    const allocations = allocateSpend(grants, input.amount, input.now);
    if (!allocations) {
      const balance = grants.reduce((sum, g) => sum + g.remaining, 0);
      throw new ApiError("INSUFFICIENT_CREDITS", {
        details: { required: input.amount, balance },
      });
    }
    const [entry] = await tx
      .insert(credits)
      .values({
        userId: input.userId,
        transType: type,
        amount: -input.amount,
        sourceId: input.sourceId,
        generationUuid: input.generationUuid ?? null,
      })
      .returning();
    if (!entry) throw new Error("credits ledger: spend insert returned nothing");
    await adjustGrants(tx, allocations, -1);
    await recordAllocations(tx, entry.id, allocations);
    return { entry, replayed: false };
  });
}

export type RefundResult =
  | { status: "refunded"; entry: LedgerEntry; returned: number; forfeited: number }
  | { status: "already_refunded"; entry: LedgerEntry }
  | { status: "no_spend" };

/** The refund of a spend has the spend's own identity as its source: one refund per spend. */
export const refundSourceId = (spendType: SpendType, sourceId: string) =>
  `${spendType}:${sourceId}`;

/**
 * Gives back all (default) or part of a spend, once. Credits go back to the grants they came
 * from and keep those grants' expiry; the part whose grant expired or was revoked meanwhile is
 * forfeited (see planRefund). The refund row records what was returned.
 */
export function refundCredits(
  db: Executor,
  input: { sourceId: string; spendType?: SpendType; amount?: number; reason?: string; now: Date },
): Promise<RefundResult> {
  const spendType = input.spendType ?? "generation";
  return inTransaction(db, async (tx) => {
    const spend = await findEntry(tx, spendType, input.sourceId);
    if (!spend) return { status: "no_spend" } as const;
    await lockLedger(tx, spend.userId);
    const sourceId = refundSourceId(spendType, input.sourceId);
    const previous = await findEntry(tx, "refund", sourceId);
    if (previous) return { status: "already_refunded", entry: previous } as const;

    const spent = -spend.amount;
    const amount = input.amount ?? spent;
    assertAmount(amount);
    if (amount > spent) throw ApiError.validation("amount", `must not exceed the spend (${spent})`);

    const spentAllocations = await tx
      .select({
        grantId: creditAllocations.grantId,
        amount: creditAllocations.amount,
        expiresAt: credits.expiresAt,
        createdAt: credits.createdAt,
        revokedAt: credits.revokedAt,
      })
      .from(creditAllocations)
      .innerJoin(credits, eq(credits.id, creditAllocations.grantId))
      .where(eq(creditAllocations.entryId, spend.id))
      .for("update", { of: credits });
    const plan = planRefund(spentAllocations, amount, input.now);
    const [entry] = await tx
      .insert(credits)
      .values({
        userId: spend.userId,
        transType: "refund",
        amount: plan.returned,
        sourceId,
        generationUuid: spend.generationUuid,
        metadata: { requested: amount, forfeited: plan.forfeited, reason: input.reason ?? null },
      })
      .returning();
    if (!entry) throw new Error("credits ledger: refund insert returned nothing");
    await adjustGrants(tx, plan.returns, 1);
    await recordAllocations(
      tx,
      entry.id,
      plan.returns.map((r) => ({ grantId: r.grantId, amount: -r.amount })),
    );
    return { status: "refunded", entry, returned: plan.returned, forfeited: plan.forfeited };
  });
}
