import { sql } from "drizzle-orm";
import type { Database } from "../db/client";

const BATCH = 500;

/**
 * Writes an `expiry` row for every grant that expired with credits left, and zeroes it, so the
 * history shows where those credits went and the ledger sums to the balance. Balances are right
 * without this job (reads and spends ignore expired grants); it only records history.
 * Grants busy in a ledger write are skipped (SKIP LOCKED) and picked up by the next run; the
 * expiry row's source id is the grant id, so a grant expires at most once.
 */
export async function recordExpiredCredits(db: Database, now: Date): Promise<{ expired: number }> {
  let expired = 0;
  for (;;) {
    const result = await db.execute<{ id: string }>(sql`
      with due as (
        select id, user_id, remaining, expires_at from credits
        where remaining > 0 and expires_at <= ${now.toISOString()}
        order by expires_at
        limit ${BATCH}
        for update skip locked
      ), zeroed as (
        update credits c set remaining = 0 from due where c.id = due.id
        returning due.id, due.user_id, due.remaining, due.expires_at
      ), entries as (
        insert into credits (user_id, trans_type, amount, source_id, metadata)
        select user_id, 'expiry', -remaining, id::text,
               jsonb_build_object('grantId', id, 'expiredAt', expires_at)
        from zeroed
        returning id, source_id, amount
      )
      insert into credit_allocations (entry_id, grant_id, amount)
      select id, source_id::uuid, -amount from entries
      returning id`);
    expired += result.rows.length;
    if (result.rows.length < BATCH) return { expired };
  }
}
