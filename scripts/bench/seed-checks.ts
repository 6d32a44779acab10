import type pg from "pg";
import { seedUserIdSql } from "../gallery/seed-works";
import { BENCH_HOT_USER_ID, benchUserId } from "./seed-facts";
import { expectedBalance, HOT_USER_EMAIL, HOT_USER_GRANT } from "./seed-ledgers";

/**
 * Reads the seeded ledgers back before the seed commits: a broken rule throws, and the whole
 * seed rolls back instead of handing the benchmark a ledger the service would never write.
 */
export async function checkLedgers(client: pg.ClientBase, users: number): Promise<string[]> {
  const seeded = `(select ${seedUserIdSql("n")} as id from generate_series(1, ${users}) n
    union all select '${BENCH_HOT_USER_ID}'::uuid)`;
  const { rows } = await client.query<Record<string, number>>(`
    with seeded as ${seeded},
    alloc_by_grant as (
      select grant_id, sum(amount) as amount from credit_allocations group by grant_id
    ),
    alloc_by_entry as (
      select entry_id, sum(amount) as amount from credit_allocations group by entry_id
    ),
    ledger as (
      select c.user_id, sum(c.amount) as total from seeded join credits c on c.user_id = seeded.id
      group by c.user_id
    )
    select
      (select count(*) from seeded join credits g on g.user_id = seeded.id
        left join alloc_by_grant a on a.grant_id = g.id
        where g.remaining is not null and g.remaining <> g.amount - coalesce(a.amount, 0)
      )::int as "grants whose remaining is not amount - allocations",
      (select count(*) from seeded join credits e on e.user_id = seeded.id
        left join alloc_by_entry a on a.entry_id = e.id
        where e.amount < 0 and coalesce(a.amount, 0) <> -e.amount
      )::int as "debits not fully allocated",
      (select count(*) from credit_allocations a
        join credits e on e.id = a.entry_id join seeded on seeded.id = e.user_id
        join credits g on g.id = a.grant_id
        where g.user_id <> e.user_id or g.remaining is null
      )::int as "allocations to another user's or a non-grant row",
      (select count(*) from ledger left join user_credit_balances b using (user_id)
        where b.balance is distinct from ledger.total
      )::int as "users whose balance is not the sum of their ledger",
      (select count(*) from seeded
        left join user_credit_balances b on b.user_id = seeded.id
        where coalesce(b.balance, 0) < 1000
      )::int as "users with less than 1,000 credits"`);
  const problems = Object.entries(rows[0] ?? {}).filter(([, count]) => count !== 0);
  if (problems.length > 0) {
    throw new Error(`ledger checks failed: ${problems.map(([k, v]) => `${v} ${k}`).join("; ")}`);
  }

  // A few users by the ids the runner will compute (benchUserId), so the mirror is checked too.
  const samples = [1, 5, 6, 9, 10, Math.ceil(users / 2), users];
  const expected = new Map<string, { label: string; balance: number }>(
    samples.map((n) => [benchUserId(n), { label: `user ${n}`, balance: expectedBalance(n) }]),
  );
  expected.set(BENCH_HOT_USER_ID, { label: HOT_USER_EMAIL, balance: HOT_USER_GRANT });
  const balances = await client.query<{ user_id: string; balance: number }>(
    "select user_id, balance from user_credit_balances where user_id = any($1::uuid[])",
    [[...expected.keys()]],
  );
  const seen = new Map(balances.rows.map((r) => [r.user_id, r.balance]));
  const report: string[] = [];
  for (const [id, want] of expected) {
    const got = seen.get(id);
    if (got !== want.balance) {
      throw new Error(
        `${want.label} (${id}): balance ${got ?? "missing"}, expected ${want.balance}`,
      );
    }
    report.push(`${want.label}: ${got.toLocaleString("en-US")} credits`);
  }
  return report;
}
