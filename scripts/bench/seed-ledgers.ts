import type pg from "pg";
import { seedUserIdSql } from "../gallery/seed-works";

/**
 * Credits ledgers for the seed users, written set-based and valid under the ledger's rules
 * (src/credits): grants' `remaining` = amount - their allocations, debits negative with no
 * `remaining`, one entry per (trans_type, source_id), spends taking the earliest-expiring live
 * grant first. Each user's story, in time order:
 *  1. sign-up: the welcome bonus (50 credits, 30 days). Four in five spend 40 of it in their first
 *     days; what is left expires, recorded as the expiry job records it (an `expiry` row).
 *  2. 30 to 90 days ago, a Studio pack (a paid order and its purchase grant, valid 12 months).
 *     Three in ten also bought a Starter pack three weeks or so before: it expires first, so
 *     their spends use it up before touching the Studio pack. One in ten bought nothing and
 *     holds a non-expiring admin grant (creator programme) instead.
 *  3. since then, 3 to 12 generation spends of 40 (images) or 120 (a video).
 * Every amount follows from the user number alone, so expectedBalance(n) says what the balance
 * view must show. Spends are not tied to the gallery's generations: those are spread over half
 * a year, and a spend must come after the grants it draws on.
 */

export const HOT_USER_EMAIL = "hot@bench.test";
export const HOT_USER_GRANT = 100_000_000;
/** Postgres computes the hot user's id; seed-facts.ts mirrors it (checked after seeding). */
const HOT_USER_ID_SQL = "md5('bench-hot-user')::uuid";

const BONUS = 50;
const FIRST_SPEND = 40;
const STARTER = { id: "pack-starter", name: "Starter pack", credits: 300, price: 499 };
const STUDIO = { id: "pack-studio", name: "Studio pack", credits: 3500, price: 3999 };
const PROGRAMME_GRANT = 2000;

/** The rules; those that decide a balance also in TypeScript, for expectedBalance. */
const spendsBonusSql = (n: string) => `${n} % 5 <> 0`;
const buysStudio = (n: number) => n % 10 <= 8;
const buysStudioSql = (n: string) => `${n} % 10 <= 8`;
const buysStarter = (n: number) => n % 10 >= 6 && n % 10 <= 8;
const buysStarterSql = (n: string) => `${n} % 10 between 6 and 8`;
const inProgrammeSql = (n: string) => `${n} % 10 = 9`;
const spendCount = (n: number) => 3 + ((n * 7) % 10);
const spendCountSql = (n: string) => `3 + (${n} * 7) % 10`;
const spendAmount = (j: number) => (j % 3 === 0 ? 120 : 40);
const spendAmountSql = (j: string) => `case when ${j} % 3 = 0 then 120 else 40 end`;

/** What user_credit_balances must show for seed user `n`: the bonus is gone, the rest is live. */
export function expectedBalance(n: number): number {
  let balance = buysStudio(n) ? STUDIO.credits : PROGRAMME_GRANT;
  if (buysStarter(n)) balance += STARTER.credits;
  for (let j = 1; j <= spendCount(n); j += 1) balance -= spendAmount(j);
  return balance;
}

/** A spend's source is the generation it paid for; these ids name no gallery generation. */
const spendSourceSql = (n: string, j: string) =>
  `md5('bench-generation:' || ${n} || ':' || ${j})::uuid::text`;

export async function seedLedgers(client: pg.ClientBase, users: number): Promise<void> {
  const seedUsers = `generate_series(1, ${users}) n`;
  const userId = seedUserIdSql("n");
  const bonusId = "md5('bench-bonus:' || n)::uuid";
  const firstSpendId = "md5('bench-first-spend:' || n)::uuid";
  const expiryId = "md5('bench-bonus-expiry:' || n)::uuid";

  // 1. The welcome bonus, its first spend and its expiry (the bonus is the only grant then).
  await client.query(`
    insert into credits (id, user_id, trans_type, amount, remaining, source_id, expires_at,
      created_at)
    select ${bonusId}, u.id, 'signup_bonus', ${BONUS}, ${BONUS}, u.id::text,
      u.created_at + interval '30 days', u.created_at
    from ${seedUsers} join "user" u on u.id = ${userId}`);
  await client.query(`
    insert into credits (id, user_id, trans_type, amount, source_id, created_at)
    select ${firstSpendId}, b.user_id, 'generation', -${FIRST_SPEND}, ${spendSourceSql("n", "0")},
      b.created_at + interval '1 hour' + random() * interval '3 days'
    from ${seedUsers} join credits b on b.id = ${bonusId}
    where ${spendsBonusSql("n")}`);
  // As src/credits/expiry.ts writes it: source = the grant, the day's cron run after expiry.
  await client.query(`
    insert into credits (id, user_id, trans_type, amount, source_id, metadata, created_at)
    select ${expiryId}, b.user_id, 'expiry',
      -(${BONUS} - case when ${spendsBonusSql("n")} then ${FIRST_SPEND} else 0 end), b.id::text,
      jsonb_build_object('grantId', b.id, 'expiredAt', b.expires_at),
      b.expires_at + interval '3 hours'
    from ${seedUsers} join credits b on b.id = ${bonusId}`);
  await client.query(`
    insert into credit_allocations (entry_id, grant_id, amount, created_at)
    select e.id, ${bonusId}, -e.amount, e.created_at
    from ${seedUsers}
    cross join lateral (values (${firstSpendId}), (${expiryId})) entry(id)
    join credits e on e.id = entry.id`);

  // 2. Packs: a paid order each, and its grant keyed by the order number as checkout does.
  await client.query(`
    with buyer as materialized (
      select n, ${userId} as user_id,
        now() - interval '30 days' - random() * interval '60 days' as paid_at
      from ${seedUsers} where ${buysStudioSql("n")}
    ), bought as (
      select n, user_id, 2 as k, paid_at, ${sqlPack(STUDIO)} from buyer
      union all
      select n, user_id, 1, paid_at - interval '20 days' - random() * interval '10 days',
        ${sqlPack(STARTER)}
      from buyer where ${buysStarterSql("n")}
    ), paid as (
      insert into orders (order_no, user_id, product_id, product_name, amount, currency, credits,
        interval, valid_months, status, paid_at, created_at, updated_at)
      select 'AF-' || to_char(paid_at at time zone 'UTC', 'YYYYMMDD') || '-B'
          || lpad(n::text, 6, '0') || k,
        user_id, product_id, product_name, price, 'usd', credits, 'one_time', 12, 'paid',
        paid_at, paid_at - interval '2 minutes', paid_at
      from bought
      returning order_no, user_id, credits, paid_at
    )
    insert into credits (user_id, trans_type, amount, remaining, source_id, order_no, expires_at,
      created_at)
    select user_id, 'purchase', credits, credits, order_no, order_no,
      paid_at + interval '12 months', paid_at
    from paid`);
  await client.query(`
    insert into credits (user_id, trans_type, amount, remaining, source_id, note, created_at)
    select ${userId}, 'admin_grant', ${PROGRAMME_GRANT}, ${PROGRAMME_GRANT},
      'once:' || md5('bench-programme:' || n)::uuid, 'creator programme',
      now() - interval '30 days' - random() * interval '60 days'
    from ${seedUsers} where ${inProgrammeSql("n")}`);

  // 3. Spends after the last grant, split over the user's live grants in spend order: each
  // spend covers a stretch of the user's running spend total, each grant a stretch of the
  // running grant total (earliest expiry first, never-expiring last), and an allocation is
  // where the two overlap — the same split spendCredits makes one spend at a time.
  await client.query(`
    with live as materialized (
      select n, c.user_id, max(c.created_at) as since
      from ${seedUsers} join credits c on c.user_id = ${userId}
      where c.trans_type in ('purchase', 'admin_grant')
      group by n, c.user_id
    ), spend as (
      insert into credits (user_id, trans_type, amount, source_id, created_at)
      select user_id, 'generation', -${spendAmountSql("j")}, ${spendSourceSql("n", "j")},
        since + (now() - since) * j / (${spendCountSql("n")} + 1)
      from live cross join lateral generate_series(1, ${spendCountSql("n")}) j
      returning id, user_id, -amount as amount, created_at
    ), s as (
      select *, sum(amount) over (partition by user_id order by created_at, id) as upto
      from spend
    ), g as (
      select c.id, c.user_id, c.amount,
        sum(c.amount) over (partition by c.user_id order by c.expires_at, c.created_at, c.id)
          as upto
      from live join credits c on c.user_id = live.user_id
      where c.trans_type in ('purchase', 'admin_grant')
    )
    insert into credit_allocations (entry_id, grant_id, amount, created_at)
    select s.id, g.id, least(s.upto, g.upto) - greatest(s.upto - s.amount, g.upto - g.amount),
      s.created_at
    from s join g on g.user_id = s.user_id
      and g.upto - g.amount < s.upto and s.upto - s.amount < g.upto`);

  await client.query(`
    update credits c set remaining = c.amount - used.amount
    from (
      select a.grant_id, sum(a.amount)::integer as amount
      from ${seedUsers}
      join credits g on g.user_id = ${userId} and g.remaining is not null
      join credit_allocations a on a.grant_id = g.id
      group by a.grant_id
    ) used
    where c.id = used.grant_id`);
}

function sqlPack(pack: typeof STUDIO): string {
  return `'${pack.id}' as product_id, '${pack.name}' as product_name, ${pack.price} as price,
    ${pack.credits} as credits`;
}

/** The benchmark's spender: one non-expiring grant, far more than any run can spend. */
export async function seedHotUser(client: pg.ClientBase): Promise<void> {
  await client.query(`
    insert into "user" (id, name, email, display_name, email_verified, created_at)
    values (${HOT_USER_ID_SQL}, 'bench hot user', '${HOT_USER_EMAIL}', 'Hot Bench', true,
      now() - interval '1 day')`);
  await client.query(`
    insert into credits (user_id, trans_type, amount, remaining, source_id, note, created_at)
    values (${HOT_USER_ID_SQL}, 'admin_grant', ${HOT_USER_GRANT}, ${HOT_USER_GRANT},
      'seed:${HOT_USER_EMAIL}', 'benchmark: concurrent spends', now() - interval '1 day')`);
}
