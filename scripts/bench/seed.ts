// `npm run bench:seed`: a community-sized data set for the benchmarks (issue 10) — 10k users,
// ~1M listed works with skewed likes, 500k likes/favorites rows, and valid credits ledgers with
// at least 1,000 credits per user, plus one "hot" user who can afford thousands of concurrent
// spends. One transaction: a crash leaves nothing behind, and a finished seed is detected and
// left alone. Database: DATABASE_URL's server, else an embedded PGlite in .data/bench-pglite.
import pg from "pg";
import { type SeedCounts, seedWorks } from "../gallery/seed-works";
import { runMigrations } from "../local/migrate";
import { checkLedgers } from "./seed-checks";
import { openBenchDatabase } from "./seed-database";
import { BENCH_HOT_USER_ID, BENCH_USER_COUNT } from "./seed-facts";
import { seedHotUser, seedLedgers } from "./seed-ledgers";

const BENCH_SEED: SeedCounts = {
  users: BENCH_USER_COUNT,
  // ~5% of works private and ~0.5% banned, as the partial indexes must skip in real life.
  images: { public: 900_000, private: 47_000, banned: 5_000 },
  videos: { public: 100_000, private: 5_000, banned: 500 },
  interactions: 500_000,
  popularity: "long-tail",
};

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;
const format = (n: number) => n.toLocaleString("en-US");

async function step(name: string, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  console.log(`  ${name}: ${seconds(started)}`);
}

async function countRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(`
    select
      (select count(*) from "user")::int as users,
      (select count(*) from generations)::int as generations,
      (select count(*) from generation_images)::int as images,
      (select count(*) from generation_videos)::int as videos,
      (select count(*) from generation_images where visibility_level = 'public'
        and moderation_status <> 'banned')::int
        + (select count(*) from generation_videos where visibility_level = 'public'
        and moderation_status <> 'banned')::int as listed,
      (select count(*) from user_interactions)::int as interactions,
      (select count(*) from orders)::int as orders,
      (select count(*) from credits)::int as credits,
      (select count(*) from credit_allocations)::int as allocations`);
  return rows[0] ?? {};
}

/** Seeds in one transaction; false when an earlier run already did. */
async function seed(client: pg.ClientBase): Promise<boolean> {
  await client.query("begin");
  try {
    // Two seeds started together: the second waits here, then finds the first one's work.
    await client.query("select pg_advisory_xact_lock(hashtext('aniforge:bench:seed'))");
    // The hot user is written in the same transaction as everything else, so it marks a
    // complete seed.
    const done = await client.query('select 1 from "user" where id = $1', [BENCH_HOT_USER_ID]);
    if (done.rowCount) {
      await client.query("rollback");
      return false;
    }
    await client.query("set local work_mem = '128MB'");
    await step("works, users and interactions", () => seedWorks(client, BENCH_SEED));
    await step("ledgers", async () => {
      await seedLedgers(client, BENCH_USER_COUNT);
      await seedHotUser(client);
    });
    let balances: string[] = [];
    await step("ledger checks", async () => {
      balances = await checkLedgers(client, BENCH_USER_COUNT);
    });
    for (const line of balances) console.log(`    ${line}`);
    // Inside the transaction (ANALYZE counts its own inserts), so a committed seed is analysed.
    await step("analyze", () => client.query("analyze"));
    await step("commit", () => client.query("commit"));
    return true;
  } catch (error) {
    await client.query("rollback").catch(() => {});
    throw error;
  }
}

async function main(): Promise<void> {
  const started = performance.now();
  const database = await openBenchDatabase();
  console.log(`database: ${database.label}${database.created ? ", created" : ""}`);
  try {
    await runMigrations(database.url);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const seeded = await seed(client);
      if (seeded) {
        // Settle the new data the way a live database is settled: vacuumed (visibility map set,
        // so the insert-triggered autovacuum of a million rows does not run during the
        // benchmark) and flushed to disk (no checkpoint of gigabytes during the first figures).
        await step("vacuum", () => client.query("vacuum"));
        await step("checkpoint", () => client.query("checkpoint"));
      }
      const counts = await countRows(client);
      if (!seeded) {
        const works = (counts.images ?? 0) + (counts.videos ?? 0);
        console.log(`already seeded: ${format(works)} works, ${format(counts.users ?? 0)} users`);
      } else {
        for (const [table, n] of Object.entries(counts)) console.log(`  ${table}: ${format(n)}`);
      }
    } finally {
      await client.end();
    }
  } finally {
    await database.stop();
  }
  console.log(`elapsed: ${seconds(started)}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
