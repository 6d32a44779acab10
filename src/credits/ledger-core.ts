import { and, eq, sql } from "drizzle-orm";
import { creditAllocations, credits, type GRANT_TYPES, user } from "../db/schema";
import type { Executor, Transaction } from "../db/transaction";
import { ApiError } from "../lib/errors";
import type { Allocation } from "./fifo";

/** The pieces every ledger write is made of: the lock, idempotency lookups, grant updates. */

export type LedgerEntry = typeof credits.$inferSelect;
export type GrantType = (typeof GRANT_TYPES)[number];
export type SpendType = "generation" | "admin_deduct";

/** Far above any real pack, far below int4: a typo cannot mint or burn billions. */
export const MAX_LEDGER_AMOUNT = 10_000_000;

export function assertAmount(amount: number, field = "amount"): void {
  if (!Number.isInteger(amount) || amount <= 0 || amount > MAX_LEDGER_AMOUNT) {
    throw ApiError.validation(field, `must be a whole number from 1 to ${MAX_LEDGER_AMOUNT}`);
  }
}

/**
 * Serialises ledger writes per user. FOR NO KEY UPDATE does not block inserts that merely
 * reference the user (sessions, generations), only other ledger writers of this user.
 */
export async function lockLedger(tx: Transaction, userId: string): Promise<void> {
  const rows = await tx.execute(
    sql`select 1 from ${user} where ${user.id} = ${userId} for no key update`,
  );
  if (rows.rows.length === 0) throw new ApiError("NOT_FOUND", { details: { userId } });
}

export async function findEntry(db: Executor, transType: string, sourceId: string) {
  const [row] = await db
    .select()
    .from(credits)
    .where(and(eq(credits.transType, transType), eq(credits.sourceId, sourceId)))
    .limit(1);
  return row;
}

/** A source id reused for a different user or amount is a caller bug, never a silent merge. */
export function assertSameEntry(entry: LedgerEntry, userId: string, amount: number): void {
  if (entry.userId !== userId || entry.amount !== amount) {
    throw new ApiError("IDEMPOTENCY_KEY_REUSED", {
      details: { transType: entry.transType, sourceId: entry.sourceId },
    });
  }
}

/** Moves `remaining` of the grants by -take (spend/clawback) or +take (refund), all or nothing. */
export async function adjustGrants(tx: Transaction, allocations: Allocation[], sign: 1 | -1) {
  if (allocations.length === 0) return;
  const values = sql.join(
    allocations.map((a) => sql`(${a.grantId}::uuid, ${a.amount}::integer)`),
    sql`, `,
  );
  const updated = await tx.execute(sql`
    update ${credits} c set remaining = c.remaining + ${sign}::integer * v.take
    from (values ${values}) as v(id, take)
    where c.id = v.id and c.remaining + ${sign}::integer * v.take between 0 and c.amount
    returning c.id`);
  if (updated.rows.length !== allocations.length) {
    // Under the ledger lock this cannot happen; if it does, roll back rather than skew a grant.
    throw new Error("credits ledger: a grant changed under the ledger lock");
  }
}

export async function recordAllocations(
  tx: Transaction,
  entryId: string,
  allocations: Allocation[],
) {
  if (allocations.length === 0) return;
  await tx
    .insert(creditAllocations)
    .values(allocations.map((a) => ({ entryId, grantId: a.grantId, amount: a.amount })));
}
