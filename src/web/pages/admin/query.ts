import type { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import {
  type DayRange,
  dayRangeQuery,
  monthRangeQuery,
  resolveDayRange,
  resolveMonthRange,
} from "../../../admin/shared/ranges";
import type { AppEnv } from "../../../context";
import { ApiError } from "../../../lib/errors";

/**
 * The pages read their query with the API's own schemas, so a range the API refuses (over a
 * year, `to` before `from`) is refused here too, as a 400 page.
 */
export function parseQuery<S extends z.ZodType>(c: Context<AppEnv>, schema: S): z.output<S> {
  const parsed = schema.safeParse(withoutBlanks(c.req.query()));
  if (!parsed.success) throw ApiError.fromZod(parsed.error);
  return parsed.data;
}

/** An empty form field means "not chosen", as an absent parameter does. */
function withoutBlanks(query: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value.trim() !== ""));
}

const DayQuery = dayRangeQuery();
const MonthQuery = monthRangeQuery();

/** `?from&to` days, the API's default (last 30 days) filled in. */
export function dayRangeOf(c: Context<AppEnv>): DayRange {
  const { from, to } = parseQuery(c, DayQuery) as { from?: string; to?: string };
  return resolveDayRange({ from, to }, c.get("services").now());
}

/** `?from&to` months, the API's default (last 12 months) filled in. */
export function monthRangeOf(c: Context<AppEnv>): DayRange {
  const { from, to } = parseQuery(c, MonthQuery) as { from?: string; to?: string };
  return resolveMonthRange({ from, to }, c.get("services").now());
}

/** This page's link with its filters plus the next cursor. */
export function moreLink(path: string, params: Record<string, string | undefined>, cursor: string) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  search.set("cursor", cursor);
  return `${path}?${search}`;
}
