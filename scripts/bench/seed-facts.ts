import { createHash } from "node:crypto";

/**
 * What the benchmark runner needs to know about `npm run bench:seed`'s data, without importing
 * the seeder: which users exist and which one holds the credits for concurrent spends.
 */

/** Users seed 1..BENCH_USER_COUNT exist, each with at least 1,000 credits to spend. */
export const BENCH_USER_COUNT = 10_000;

/** Postgres `md5(text)::uuid`: the 32 hex digits grouped 8-4-4-4-12. */
function md5Uuid(text: string): string {
  const hex = createHash("md5").update(text).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seed user `n` (1-based), the id seedWorks gives it: md5('seed-user:' || n)::uuid. */
export function benchUserId(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > BENCH_USER_COUNT) {
    throw new RangeError(`bench user ${n} is outside 1..${BENCH_USER_COUNT}`);
  }
  return md5Uuid(`seed-user:${n}`);
}

/** The one user with 100,000,000 non-expiring credits, for thousands of concurrent spends. */
export const BENCH_HOT_USER_ID = md5Uuid("bench-hot-user");
