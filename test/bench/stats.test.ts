import { describe, expect, it } from "vitest";
import targets from "../../bench/targets.json";
import type { LoadResult } from "../../scripts/bench/load-job";
import { judge, median, pairedRatio, type Target } from "../../scripts/bench/stats";

const round = (rps: number): LoadResult => ({
  ok: rps,
  failed: 0,
  statuses: { "200": rps },
  seconds: 1,
  rps,
  latencyMs: { p50: 1, p90: 1, p99: 1, mean: 1 },
});

describe("npm run bench: verdicts", () => {
  const table = targets as unknown as Record<string, Target>;

  it("holds the issue's targets", () => {
    expect(table.keysetDepthOverPage1?.max).toBe(1.5);
    expect(table.offsetOverKeyset?.min).toBe(20);
    expect(table.galleryOverRaw?.min).toBe(0.5);
    expect(table.spendOverInsert?.min).toBe(0.5);
    expect(table.callbackOverTrivial?.min).toBe(0.8);
    expect(table.bundleGzipKiB?.max).toBe(800);
    expect(table.startupMs?.max).toBe(50);
  });

  it("judges each sort's ratio against its target and fails a miss or a missing figure", () => {
    const verdicts = judge(
      {
        "keysetDepthOverPage1.newest": 1.1,
        "keysetDepthOverPage1.top": 1.6,
        "offsetOverKeyset.trending": Number.NaN,
        callbackOverTrivial: 0.8,
        hotUserOverSpread: 0.3,
      },
      table,
    );
    expect(verdicts).toEqual([
      { metric: "keysetDepthOverPage1.newest", value: 1.1, target: "≤ 1.5", ok: true },
      { metric: "keysetDepthOverPage1.top", value: 1.6, target: "≤ 1.5", ok: false },
      { metric: "offsetOverKeyset.trending", value: Number.NaN, target: "≥ 20", ok: false },
      { metric: "callbackOverTrivial", value: 0.8, target: "≥ 0.8", ok: true },
    ]);
  });

  it("pairs rounds measured back to back and takes the median of their ratios", () => {
    // Round 2 ran while the machine was busy: both sides slowed, the ratio held.
    const a = [round(100), round(50), round(104)];
    const b = [round(200), round(100), round(190)];
    expect(pairedRatio(a, b, (x, y) => x.rps / y.rps)).toBe(0.5);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
