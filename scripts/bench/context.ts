import type pg from "pg";
import type { LoadClient } from "./load-client";
import type { LoadJob, LoadRequest, LoadResult } from "./load-job";
import { type Summary, summarise } from "./stats";

export interface BenchSettings {
  rounds: number;
  /** Seconds per measured round of a timed scenario. */
  seconds: number;
  /** Seconds of unmeasured load before a group's first round. */
  warmup: number;
}

export interface Viewer {
  userId: string;
  cookie: string;
}

export interface BenchContext {
  base: string;
  kieUrl: string;
  load: LoadClient;
  /** The runner's own connection to the benchmark database (fixtures and polling). */
  sql: pg.Client;
  settings: BenchSettings;
  viewer: Viewer;
  log(line: string): void;
}

/** What a scenario reports: summaries per measured thing, and the ratios it derives. */
export interface ScenarioReport {
  summaries: Record<string, Summary & { connections: number }>;
  metrics: Record<string, number>;
  notes?: string[];
}

export interface TimedCase {
  name: string;
  connections: number;
  request: LoadRequest;
  ledgerUsers?: string[];
  rotate?: LoadRequest[];
}

const timedJob = (ctx: BenchContext, c: TimedCase, seconds: number): LoadJob => ({
  kind: "timed",
  base: ctx.base,
  connections: c.connections,
  seconds,
  request: c.request,
  ledgerUsers: c.ledgerUsers,
  rotate: c.rotate,
});

/**
 * Runs cases side by side: a warm-up of each, then `rounds` rounds in which every case runs
 * once, in an order that rotates each round, so drift on a shared machine hits all alike.
 * A case that answers anything but 2xx fails the benchmark: a fast error is not a result.
 */
export async function runSideBySide(
  ctx: BenchContext,
  cases: TimedCase[],
): Promise<Record<string, LoadResult[]>> {
  const { rounds, seconds, warmup } = ctx.settings;
  for (const c of cases) await checked(c, await ctx.load.run(timedJob(ctx, c, warmup)));
  const results: Record<string, LoadResult[]> = Object.fromEntries(cases.map((c) => [c.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < cases.length; i++) {
      const c = cases[(i + round) % cases.length] as TimedCase;
      const result = await checked(c, await ctx.load.run(timedJob(ctx, c, seconds)));
      results[c.name]?.push(result);
      ctx.log(
        `  ${c.name.padEnd(34)} round ${round + 1}: ${result.rps.toFixed(1)} req/s, p99 ${result.latencyMs.p99} ms`,
      );
    }
  }
  return results;
}

/** Each case's rounds summarised (medians), keyed by the case's name. */
export function summariesOf(
  cases: TimedCase[],
  results: Record<string, LoadResult[]>,
): ScenarioReport["summaries"] {
  return Object.fromEntries(
    cases.map((c) => [
      c.name,
      { ...summarise(results[c.name] ?? [], c.connections), connections: c.connections },
    ]),
  );
}

async function checked(c: TimedCase, result: LoadResult): Promise<LoadResult> {
  if (result.failed > 0 || result.ok === 0) {
    throw new Error(
      `${c.name}: ${result.failed} failed of ${result.ok + result.failed} (${JSON.stringify(result.statuses)})`,
    );
  }
  return result;
}
