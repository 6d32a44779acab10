import { and, asc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import { creditAllocations, credits, GRANT_TYPES, user } from "../db/schema";
import { type Executor, inTransaction, type Transaction } from "../db/transaction";
import { ApiError } from "../lib/errors";
import { type Allocation, allocateSpend, type LiveGrant, planClawback, planRefund } from "./fifo";

/**
 * The credits ledger: the only code that changes credits. Every operation
 *  - takes the user's ledger lock (a row lock on their user row) before reading what it will
 *    change, so under READ COMMITTED each one sees the committed result of the one before;
 *  - is idempotent by the unique (trans_type, source_id) key: a repeat returns the first result.
 * Each joins the caller's transaction when given one (`inTransaction`).
 */

export type LedgerEntry = typeof credits.$inferSelect;
export type GrantType = (typeof GRANT_TYPES)[number];
export type SpendType = "generation" | "admin_deduct";

/** Far above any real pack, far below int4: a typo cannot mint or burn billions. */
export const MAX_LEDGER_AMOUNT = 10_000_000;

function assertAmount(amount: number, field = "amount"): void {
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

async function findEntry(db: Executor, transType: string, sourceId: string) {
  const [row] = await db
    .select()
    .from(credits)
    .where(and(eq(credits.transType, transType), eq(credits.sourceId, sourceId)))
    .limit(1);
  return row;
}

/** A source id reused for a different user or amount is a caller bug, never a silent merge. */
function assertSameEntry(entry: LedgerEntry, userId: string, amount: number): void {
  if (entry.userId !== userId || entry.amount !== amount) {
    throw new ApiError("IDEMPOTENCY_KEY_REUSED", {
      details: { transType: entry.transType, sourceId: entry.sourceId },
    });
  }
}

/** Moves `remaining` of the grants by -take (spend/clawback) or +take (refund), all or nothing. */
async function adjustGrants(tx: Transaction, allocations: Allocation[], sign: 1 | -1) {
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

async function recordAllocations(tx: Transaction, entryId: string, allocations: Allocation[]) {
  if (allocations.length === 0) return;
  await tx
    .insert(creditAllocations)
    .values(allocations.map((a) => ({ entryId, grantId: a.grantId, amount: a.amount })));
}

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

export interface ClawbackResult {
  clawedBack: number;
  /** Grants of the order revoked by this call (0 when it already ran). */
  revokedGrants: number;
  /** One clawback row per grant that still held credits (its source id is the grant id). */
  entries: LedgerEntry[];
}

/**
 * For a refunded order: takes back what is still unspent of the order's grants and revokes them
 * (no later refund can put credits back on them). Spent credits stay spent, so the balance never
 * drops below zero. Running it again changes nothing.
 */
export function clawbackOrder(
  db: Executor,
  input: { orderNo: string; now: Date },
): Promise<ClawbackResult> {
  const ofOrder = and(
    eq(credits.orderNo, input.orderNo),
    inArray(credits.transType, [...GRANT_TYPES]),
  );
  return inTransaction(db, async (tx) => {
    const owners = await tx.selectDistinct({ userId: credits.userId }).from(credits).where(ofOrder);
    for (const owner of owners.map((o) => o.userId).sort()) await lockLedger(tx, owner);

    const grants = await tx
      .select({
        id: credits.id,
        userId: credits.userId,
        remaining: sql<number>`${credits.remaining}`,
        expiresAt: credits.expiresAt,
        revokedAt: credits.revokedAt,
      })
      .from(credits)
      .where(and(ofOrder, isNull(credits.revokedAt)))
      .for("update");
    if (grants.length === 0) return { clawedBack: 0, revokedGrants: 0, entries: [] };

    const takes = planClawback(grants, input.now);
    const entries: LedgerEntry[] = [];
    for (const take of takes) {
      const grant = grants.find((g) => g.id === take.grantId);
      const [entry] = await tx
        .insert(credits)
        .values({
          userId: grant?.userId as string,
          transType: "clawback",
          amount: -take.amount,
          sourceId: take.grantId,
          orderNo: input.orderNo,
        })
        .returning();
      if (!entry) throw new Error("credits ledger: clawback insert returned nothing");
      await recordAllocations(tx, entry.id, [take]);
      entries.push(entry);
    }
    await adjustGrants(tx, takes, -1);
    await tx
      .update(credits)
      .set({ revokedAt: input.now })
      .where(
        inArray(
          credits.id,
          grants.map((g) => g.id),
        ),
      );
    const clawedBack = takes.reduce((sum, t) => sum + t.amount, 0);
    return { clawedBack, revokedGrants: grants.length, entries };
  });
}
