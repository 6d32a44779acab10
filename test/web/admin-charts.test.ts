import { describe, expect, it } from "vitest";
import {
  bandScale,
  labelEvery,
  labelledIndexes,
  linearScale,
  niceStep,
  niceTicks,
} from "../../src/web/pages/admin/charts/scale";

describe("admin chart scales", () => {
  it("picks 1, 2, 2.5 or 5 × 10ⁿ steps", () => {
    expect(niceStep(10, 5)).toBe(2);
    expect(niceStep(4.99, 4)).toBe(2);
    expect(niceStep(1000, 4)).toBe(250);
    expect(niceStep(0.3, 3)).toBe(0.1);
    expect(niceStep(7, 4, true)).toBe(2);
    expect(niceStep(3, 4, true)).toBe(1);
    expect(niceStep(10, 4, true)).toBe(2);
    expect(niceStep(0, 4)).toBe(1);
  });

  it("ends the ticks at the first nice value at or above the maximum, without float noise", () => {
    expect(niceTicks(4.99)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(1000)).toEqual([0, 250, 500, 750, 1000]);
    expect(niceTicks(0.7)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
    expect(niceTicks(0.3, { count: 3 })).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(9, { integer: true })).toEqual([0, 2, 4, 6, 8, 10]);
    expect(niceTicks(0.5, { integer: true })).toEqual([0, 1]);
  });

  it("gives empty or broken data a 0–1 axis instead of dividing by zero", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(-5)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN, { integer: true })).toEqual([0, 1]);
    const y = linearScale(0, 100, 0);
    expect(y(0)).toBe(100);
    expect(Number.isFinite(y(5))).toBe(true);
  });

  it("maps values onto pixels with y growing downwards, clamped at zero", () => {
    const y = linearScale(10, 200, 0);
    expect(y(0)).toBe(200);
    expect(y(10)).toBe(0);
    expect(y(2.5)).toBe(150);
    expect(y(-3)).toBe(200);
  });

  it("splits the x axis into equal bands with centred bars", () => {
    const x = bandScale(4, 0, 400, 0.5);
    expect(x.band).toBe(100);
    expect(x.width).toBe(50);
    expect(x.start(0)).toBe(25);
    expect(x.center(3)).toBe(350);
    expect(bandScale(0, 0, 100).width).toBeGreaterThan(0);
  });

  it("labels at most a few days: the first, then every n-th", () => {
    expect(labelEvery(7)).toBe(1);
    expect(labelEvery(30)).toBe(4);
    expect(labelEvery(366)).toBe(46);
    expect(labelledIndexes(7)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(labelledIndexes(30)).toEqual([0, 4, 8, 12, 16, 20, 24, 28]);
    expect(labelledIndexes(0)).toEqual([]);
    expect(labelledIndexes(366).length).toBeLessThanOrEqual(8);
  });
});
