import type { BenchContext, ScenarioReport, TimedCase } from "../context";
import { runSideBySide, summariesOf } from "../context";
import { pairedRatio } from "../stats";

const CONNECTIONS = 32;

/**
 * The real spend path (lock, FIFO over live grants, entry, allocations) against one plain
 * INSERT into the same ledger table, both at 32 clients spread over the seeded users; then
 * 32 clients spending from one hot user, where every spend waits for the one before.
 */
export async function benchLedger(
  ctx: BenchContext,
  users: string[],
  hotUser: string,
): Promise<ScenarioReport> {
  ctx.log("ledger: spend vs insert, hot user");
  const post = (path: string) => ({
    method: "POST" as const,
    path,
    headers: { "content-type": "application/json" },
  });
  const cases: TimedCase[] = [
    {
      name: "ledger.spend",
      connections: CONNECTIONS,
      request: post("/api/bench/spend"),
      ledgerUsers: users,
    },
    {
      name: "ledger.insert",
      connections: CONNECTIONS,
      request: post("/api/bench/insert"),
      ledgerUsers: users,
    },
    {
      name: "ledger.spendHotUser",
      connections: CONNECTIONS,
      request: post("/api/bench/spend"),
      ledgerUsers: [hotUser],
    },
  ];
  const results = await runSideBySide(ctx, cases);
  const report: ScenarioReport = { summaries: {}, metrics: {} };
  Object.assign(report.summaries, summariesOf(cases, results));
  const r = (name: string) => results[`ledger.${name}`] ?? [];
  report.metrics.spendOverInsert = pairedRatio(r("spend"), r("insert"), (a, b) => a.rps / b.rps);
  report.metrics.hotUserOverSpread = pairedRatio(
    r("spendHotUser"),
    r("spend"),
    (a, b) => a.rps / b.rps,
  );
  return report;
}
