import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { credits, GRANT_TYPES } from "../db/schema";
import { type Executor, inTransaction } from "../db/transaction";
import { planClawback } from "./fifo";
import { adjustGrants, type LedgerEntry, lockLedger, recordAllocations } from "./ledger-core";

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
