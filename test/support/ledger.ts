import { sql } from "drizzle-orm";
import { expect } from "vitest";
import type { Database } from "../../src/db/client";

/**
 * The ledger's bookkeeping must add up after any interleaving: every grant's remaining equals
 * its amount minus what its allocations took (plus what refunds gave back), every debit and
 * refund is fully allocated, and no grant is ever below zero or above its amount.
 */
export async function expectLedgerConsistent(db: Database, userId: string): Promise<void> {
  const grants = await db.execute<{ id: string; amount: number; remaining: number; used: number }>(
    sql`select g.id, g.amount, g.remaining,
          coalesce((select sum(a.amount) from credit_allocations a where a.grant_id = g.id), 0)::integer as used
        from credits g where g.user_id = ${userId} and g.remaining is not null`,
  );
  for (const g of grants.rows) {
    expect(g.remaining, `grant ${g.id}`).toBeGreaterThanOrEqual(0);
    expect(g.remaining, `grant ${g.id}`).toBeLessThanOrEqual(g.amount);
    expect(g.amount - g.used, `grant ${g.id}`).toBe(g.remaining);
  }
  const entries = await db.execute<{
    id: string;
    trans_type: string;
    amount: number;
    allocated: number;
  }>(
    sql`select e.id, e.trans_type, e.amount,
          coalesce((select sum(a.amount) from credit_allocations a where a.entry_id = e.id), 0)::integer as allocated
        from credits e where e.user_id = ${userId} and e.remaining is null`,
  );
  for (const e of entries.rows) expect(e.allocated + e.amount, `${e.trans_type} ${e.id}`).toBe(0);
}
