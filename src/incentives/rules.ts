import type { IncentivesConfig } from "../configs/schema";

/** Incentive days are UTC calendar days, the same for every user wherever they are. */

const DAY_MS = 86_400_000;

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.parse(`${utcDay(now)}T00:00:00Z`) + DAY_MS);
}

export function addDays(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}

type CheckInRules = IncentivesConfig["checkIn"];

/**
 * The streak a check-in on `today` has, given the previous check-in. It continues while fewer
 * than `resetAfterMissedDays` days were skipped in between; otherwise it starts again at 1.
 */
export function streakOn(
  today: string,
  previous: { date: string; streak: number } | null,
  rules: CheckInRules,
): number {
  if (!previous) return 1;
  const gap = daysBetween(previous.date, today);
  if (gap <= 0) return previous.streak;
  return gap - 1 < rules.resetAfterMissedDays ? previous.streak + 1 : 1;
}

/** The reward for day `streak` of a streak: the table, then its last entry or from the top. */
export function checkInReward(streak: number, rules: CheckInRules): number {
  const table = rules.rewards;
  if (streak <= table.length) return table[streak - 1] as number;
  if (rules.afterLastDay === "repeat_last") return table[table.length - 1] as number;
  return table[(streak - 1) % table.length] as number;
}

/**
 * What a check-in made now would be worth, and the streak it would have; the streak is still
 * "alive" (shown to the user) while the next check-in would continue it.
 */
export function checkInOutlook(
  today: string,
  last: { date: string; streak: number } | null,
  rules: CheckInRules,
) {
  const checkedInToday = last?.date === today;
  const nextStreak = checkedInToday ? (last?.streak ?? 0) + 1 : streakOn(today, last, rules);
  const currentStreak = checkedInToday ? (last?.streak ?? 0) : nextStreak > 1 ? nextStreak - 1 : 0;
  return {
    checkedInToday,
    streak: currentStreak,
    nextStreak,
    nextReward: checkInReward(nextStreak, rules),
  };
}
