import { z } from "@hono/zod-openapi";

/**
 * Report ranges. Days and months are UTC calendar days and months, both ends inclusive, so
 * `from=2026-11-01&to=2026-11-30` is November as the books see it wherever the admin sits.
 * Ranges are bounded instead of paginated: a report answers every day of its range.
 */
export const MAX_RANGE_DAYS = 366;
export const MAX_RANGE_MONTHS = 60;
const DEFAULT_DAYS = 30;
const DEFAULT_MONTHS = 12;

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const day = z
  .string()
  .regex(DAY, "a UTC date, YYYY-MM-DD")
  .refine((value) => new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), {
    message: "not a calendar date",
  });
const month = z.string().regex(MONTH, "a month, YYYY-MM");

export const CurrencyFilter = z
  .string()
  .regex(/^[A-Za-z]{3}$/, "a three-letter ISO currency code")
  .transform((value) => value.toLowerCase())
  .optional()
  .meta({ description: "ISO currency (any case); default: every currency", example: "usd" });

export interface DayRange {
  from: string;
  to: string;
}

export const dayOf = (at: Date) => at.toISOString().slice(0, 10);
export const monthOf = (at: Date) => at.toISOString().slice(0, 7);

export function addUtcDays(isoDay: string, days: number): string {
  const at = new Date(`${isoDay}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return dayOf(at);
}

export function addUtcMonths(isoMonth: string, months: number): string {
  const at = new Date(`${isoMonth}-01T00:00:00Z`);
  at.setUTCMonth(at.getUTCMonth() + months);
  return monthOf(at);
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

const monthsBetween = (from: string, to: string) => {
  const [fy = 0, fm = 0] = from.split("-").map(Number);
  const [ty = 0, tm = 0] = to.split("-").map(Number);
  return (ty - fy) * 12 + (tm - fm);
};

type Shape = Record<string, z.ZodType>;

/**
 * `?from&to` in days plus the route's own fields; the default is the last 30 days up to today
 * (UTC). Built per route because a refined zod object cannot be extended.
 */
export function dayRangeQuery<S extends Shape>(extra: S = {} as S) {
  return z
    .object({
      from: day.optional().meta({ description: "First UTC day (default: 29 days before `to`)" }),
      to: day.optional().meta({ description: "Last UTC day, inclusive (default: today)" }),
      ...extra,
    })
    .superRefine((query, ctx) => {
      const range = query as { from?: string; to?: string };
      if (!range.from || !range.to) return;
      const span = daysBetween(range.from, range.to);
      if (span < 0)
        ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      else if (span >= MAX_RANGE_DAYS) {
        ctx.addIssue({ code: "custom", path: ["to"], message: `at most ${MAX_RANGE_DAYS} days` });
      }
    });
}

/** `?from&to` in months plus the route's own fields; the default is the last 12 months. */
export function monthRangeQuery<S extends Shape>(extra: S = {} as S) {
  return z
    .object({
      from: month.optional().meta({ description: "First month (default: 11 months before `to`)" }),
      to: month.optional().meta({ description: "Last month, inclusive (default: this month)" }),
      ...extra,
    })
    .superRefine((query, ctx) => {
      const range = query as { from?: string; to?: string };
      if (!range.from || !range.to) return;
      const span = monthsBetween(range.from, range.to);
      if (span < 0)
        ctx.addIssue({ code: "custom", path: ["to"], message: "must not be before from" });
      else if (span >= MAX_RANGE_MONTHS) {
        ctx.addIssue({
          code: "custom",
          path: ["to"],
          message: `at most ${MAX_RANGE_MONTHS} months`,
        });
      }
    });
}

/** The range a day query names, defaults filled in from `now`; checked again after defaults. */
export function resolveDayRange(query: { from?: string; to?: string }, now: Date): DayRange {
  const to =
    query.to ??
    (query.from ? minDay(addUtcDays(query.from, DEFAULT_DAYS - 1), dayOf(now)) : dayOf(now));
  const from = query.from ?? addUtcDays(to, -(DEFAULT_DAYS - 1));
  return { from, to: daysBetween(from, to) < 0 ? from : to };
}

export function resolveMonthRange(query: { from?: string; to?: string }, now: Date): DayRange {
  const to = query.to ?? (query.from ? maxMonth(query.from, monthOf(now)) : monthOf(now));
  const from = query.from ?? addUtcMonths(to, -(DEFAULT_MONTHS - 1));
  const bounded =
    monthsBetween(from, to) >= MAX_RANGE_MONTHS ? addUtcMonths(from, MAX_RANGE_MONTHS - 1) : to;
  return { from, to: bounded };
}

const minDay = (a: string, b: string) => (a < b ? a : b);
const maxMonth = (a: string, b: string) => (a > b ? a : b);

/** Every day of a range, in order: reports answer empty days with zeros. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let at = range.from; at <= range.to; at = addUtcDays(at, 1)) days.push(at);
  return days;
}

export function monthsOf(range: DayRange): string[] {
  const months: string[] = [];
  for (let at = range.from; at <= range.to; at = addUtcMonths(at, 1)) months.push(at);
  return months;
}

/** Half-open timestamp bounds of a day range, for index-friendly `at >= from and at < to`. */
export function dayBounds(range: DayRange): { start: Date; end: Date } {
  return {
    start: new Date(`${range.from}T00:00:00Z`),
    end: new Date(`${addUtcDays(range.to, 1)}T00:00:00Z`),
  };
}

export function monthBounds(range: DayRange): { start: Date; end: Date } {
  return {
    start: new Date(`${range.from}-01T00:00:00Z`),
    end: new Date(`${addUtcMonths(range.to, 1)}-01T00:00:00Z`),
  };
}
