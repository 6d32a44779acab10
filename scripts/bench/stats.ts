import type { LoadResult } from "./load-job";

export const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

export interface Summary {
  rounds: number;
  rps: number;
  p50: number;
  p99: number;
  /** Mean time a request spends in the system at that concurrency (connections / rps). */
  msPerRequest: number;
  failed: number;
}

export function summarise(results: LoadResult[], connections: number): Summary {
  const rps = median(results.map((r) => r.rps));
  return {
    rounds: results.length,
    rps,
    p50: median(results.map((r) => r.latencyMs.p50)),
    p99: median(results.map((r) => r.latencyMs.p99)),
    msPerRequest: (connections * 1000) / rps,
    failed: results.reduce((sum, r) => sum + r.failed, 0),
  };
}

/** The median over rounds of a per-round ratio: pairs measured back to back share the noise. */
export function pairedRatio(
  a: LoadResult[],
  b: LoadResult[],
  of: (x: LoadResult, y: LoadResult) => number,
): number {
  return median(a.map((x, i) => of(x, b[i] as LoadResult)));
}

export interface Target {
  min?: number;
  max?: number;
  about: string;
}

export interface Verdict {
  metric: string;
  value: number;
  target: string;
  ok: boolean;
}

/** `metric` is `<target key>` or `<target key>.<variant>` (e.g. keysetDepthOverPage1.top). */
export function judge(metrics: Record<string, number>, targets: Record<string, Target>): Verdict[] {
  const verdicts: Verdict[] = [];
  for (const [metric, value] of Object.entries(metrics)) {
    const target = targets[metric.split(".")[0] as string];
    if (!target || typeof target !== "object") continue;
    const ok =
      Number.isFinite(value) &&
      (target.min === undefined || value >= target.min) &&
      (target.max === undefined || value <= target.max);
    const bound = target.min !== undefined ? `≥ ${target.min}` : `≤ ${target.max}`;
    verdicts.push({ metric, value, target: bound, ok });
  }
  return verdicts;
}
