import { and, asc, desc, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { type CreditTransType, credits, GRANT_TYPES } from "../db/schema";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../lib/pagination";

/** Reads of one user's ledger. Every query filters by the owner in SQL. */

export interface CreditSummary {
  balance: number;
  totalEarned: number;
  totalUsed: number;
  nextExpiringAt: Date | null;
  nextExpiringAmount: number;
}

/** Grants of the user still holding credits (expiry is the caller's condition). */
const unspentGrantsOf = (userId: string) =>
  and(eq(credits.userId, userId), gt(credits.remaining, 0), isNull(credits.revokedAt));

const grantTypes = sql.raw(GRANT_TYPES.map((t) => `'${t}'`).join(", "));

/**
 * Balance per SPEC §2 (unexpired remaining of grants), against the app clock so it agrees with
 * what a spend at the same moment would see. Same rules as the `user_credit_balances` view.
 */
export async function creditSummary(db: Database, userId: string, now: Date) {
  const at = now.toISOString();
  const live = sql`remaining > 0 and revoked_at is null and (expires_at is null or expires_at > ${at})`;
  const result = await db.execute<{
    balance: number;
    total_earned: number;
    total_used: number;
    next_expiring_at: string | null;
  }>(sql`
    select
      coalesce(sum(remaining) filter (where ${live}), 0)::integer as balance,
      coalesce(sum(amount) filter (where trans_type in (${grantTypes})), 0)::integer as total_earned,
      (coalesce(sum(-amount) filter (where trans_type = 'generation'), 0)
        - coalesce(sum(amount) filter (where trans_type = 'refund'), 0))::integer as total_used,
      min(expires_at) filter (where ${live}) as next_expiring_at
    from ${credits} where user_id = ${userId}`);
  const row = result.rows[0];
  const nextExpiringAt = row?.next_expiring_at ? new Date(row.next_expiring_at) : null;
  let nextExpiringAmount = 0;
  if (nextExpiringAt) {
    const [next] = await db
      .select({ amount: sql<number>`coalesce(sum(${credits.remaining}), 0)::integer` })
      .from(credits)
      .where(and(unspentGrantsOf(userId), eq(credits.expiresAt, nextExpiringAt)));
    nextExpiringAmount = Number(next?.amount ?? 0);
  }
  return {
    balance: Number(row?.balance ?? 0),
    totalEarned: Number(row?.total_earned ?? 0),
    totalUsed: Number(row?.total_used ?? 0),
    nextExpiringAt,
    nextExpiringAmount,
  } satisfies CreditSummary;
}

/** My ledger, newest first, optionally only some entry types. */
export async function creditHistory(
  db: Database,
  userId: string,
  page: { cursor: Cursor | null; limit: number; types: CreditTransType[] | null },
) {
  const rows = await db
    .select({ entry: credits, cursorAt: cursorTimeOf(credits.createdAt) })
    .from(credits)
    .where(
      and(
        eq(credits.userId, userId),
        page.types ? inArray(credits.transType, page.types) : undefined,
        beforeCursor(credits.createdAt, credits.id, page.cursor),
      ),
    )
    .orderBy(desc(credits.createdAt), desc(credits.id))
    .limit(page.limit + 1);
  const result = pageOf(rows, page.limit, (row) => ({ at: row.cursorAt, id: row.entry.id }));
  return { items: result.items.map((row) => row.entry), nextCursor: result.nextCursor };
}

/** Live grants that expire within `days`, soonest first. */
export async function expiringCredits(db: Database, userId: string, now: Date, days: number) {
  const until = new Date(now.getTime() + days * 86_400_000);
  return db
    .select()
    .from(credits)
    .where(and(unspentGrantsOf(userId), gt(credits.expiresAt, now), lte(credits.expiresAt, until)))
    .orderBy(asc(credits.expiresAt), asc(credits.createdAt))
    .limit(500);
}
