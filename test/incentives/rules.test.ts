import { describe, expect, it } from "vitest";
import type { IncentivesConfig } from "../../src/configs/schema";
import {
  checkInOutlook,
  checkInReward,
  daysBetween,
  nextUtcMidnight,
  streakOn,
  utcDay,
} from "../../src/incentives/rules";

const rules: IncentivesConfig["checkIn"] = {
  rewards: [5, 5, 10, 10, 15, 15, 30],
  afterLastDay: "repeat_last",
  validDays: 30,
  resetAfterMissedDays: 1,
};

describe("check-in rules", () => {
  it("days are UTC calendar days", () => {
    expect(utcDay(new Date("2026-03-01T23:59:59+09:00"))).toBe("2026-03-01");
    expect(utcDay(new Date("2026-03-01T23:59:59-05:00"))).toBe("2026-03-02");
    expect(daysBetween("2026-02-28", "2026-03-01")).toBe(1);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    expect(nextUtcMidnight(new Date("2026-12-31T10:00:00Z")).toISOString()).toBe(
      "2027-01-01T00:00:00.000Z",
    );
  });

  it.each([
    { previous: null, today: "2026-05-10", streak: 1, why: "first check-in" },
    {
      previous: { date: "2026-05-09", streak: 3 },
      today: "2026-05-10",
      streak: 4,
      why: "next day",
    },
    {
      previous: { date: "2026-05-08", streak: 3 },
      today: "2026-05-10",
      streak: 1,
      why: "missed a day",
    },
    {
      previous: { date: "2026-04-30", streak: 9 },
      today: "2026-05-01",
      streak: 10,
      why: "across a month",
    },
  ])("streak: $why → $streak", ({ previous, today, streak }) => {
    expect(streakOn(today, previous, rules)).toBe(streak);
  });

  it("a lenient config keeps the streak across one missed day", () => {
    const lenient = { ...rules, resetAfterMissedDays: 2 };
    expect(streakOn("2026-05-10", { date: "2026-05-08", streak: 3 }, lenient)).toBe(4);
    expect(streakOn("2026-05-10", { date: "2026-05-07", streak: 3 }, lenient)).toBe(1);
  });

  it.each([
    [1, 5],
    [3, 10],
    [7, 30],
    [8, 30],
    [40, 30],
  ])("reward on day %i of a streak (repeat last) is %i", (streak, reward) => {
    expect(checkInReward(streak, rules)).toBe(reward);
  });

  it.each([
    [7, 30],
    [8, 5],
    [10, 10],
  ])("reward on day %i of a streak (restart) is %i", (streak, reward) => {
    expect(checkInReward(streak, { ...rules, afterLastDay: "restart" })).toBe(reward);
  });

  it("the outlook shows a live streak and what the next check-in pays", () => {
    expect(checkInOutlook("2026-05-10", { date: "2026-05-10", streak: 2 }, rules)).toEqual({
      checkedInToday: true,
      streak: 2,
      nextStreak: 3,
      nextReward: 10,
    });
    expect(checkInOutlook("2026-05-10", { date: "2026-05-09", streak: 2 }, rules)).toEqual({
      checkedInToday: false,
      streak: 2,
      nextStreak: 3,
      nextReward: 10,
    });
    expect(checkInOutlook("2026-05-10", { date: "2026-05-01", streak: 6 }, rules)).toEqual({
      checkedInToday: false,
      streak: 0,
      nextStreak: 1,
      nextReward: 5,
    });
  });
});
