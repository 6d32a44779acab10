import { sql } from "drizzle-orm";
import type { Database } from "../../db/client";
import { type DayRange, dayBounds, daysOf } from "../shared/ranges";

/** Generation reports: counts per UTC day (by created_at), failures, error codes, provider spend. */

export const GENERATION_TYPES = ["image", "video"] as const;
export type GenerationType = (typeof GENERATION_TYPES)[number];

const num = (value: unknown) => (value === null || value === undefined ? 0 : Number(value));
const iso = (value: unknown) =>
  value === null || value === undefined ? null : new Date(String(value)).toISOString();

export interface DailyGenerations {
  date: string;
  total: number;
  succeeded: number;
  failed: number;
  /** Still pending or processing: total − succeeded − failed. */
  running: number;
  image: number;
  video: number;
}

/** vw_generations_daily_counts, one row per day of the range (zeros for empty days). */
export async function dailyGenerations(db: Database, range: DayRange): Promise<DailyGenerations[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select to_char(date, 'YYYY-MM-DD') as date, total, succeeded, failed, type_counts
    from "vw_generations_daily_counts"
    where date between ${range.from}::date and ${range.to}::date`);
  const byDay = new Map(result.rows.map((r) => [String(r.date), r]));
  return daysOf(range).map((date) => {
    const r = byDay.get(date);
    const types = (r?.type_counts ?? {}) as Record<string, unknown>;
    const total = num(r?.total);
    const succeeded = num(r?.succeeded);
    const failed = num(r?.failed);
    return {
      date,
      total,
      succeeded,
      failed,
      running: total - succeeded - failed,
      image: num(types.image),
      video: num(types.video),
    };
  });
}

export interface DailyFailures {
  date: string;
  type: GenerationType;
  failedCount: number;
}

/** vw_generation_failures_daily: every day × both types. */
export async function dailyFailures(db: Database, range: DayRange): Promise<DailyFailures[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select to_char(date, 'YYYY-MM-DD') as date, type, failed_count
    from "vw_generation_failures_daily"
    where date between ${range.from}::date and ${range.to}::date`);
  const counts = new Map(result.rows.map((r) => [`${r.date}|${r.type}`, num(r.failed_count)]));
  return daysOf(range).flatMap((date) =>
    GENERATION_TYPES.map((type) => ({
      date,
      type,
      failedCount: counts.get(`${date}|${type}`) ?? 0,
    })),
  );
}

export interface ErrorCodeCount {
  errorCode: string;
  type: string;
  count: number;
  lastAt: string | null;
}

/**
 * Failed generations of the range per (error code, type), most frequent first; `lastAt` is
 * when the latest of them failed. `limit` cuts it to the top ones.
 */
export async function errorCodeCounts(
  db: Database,
  range: DayRange,
  limit?: number,
): Promise<ErrorCodeCount[]> {
  const { start, end } = dayBounds(range);
  const result = await db.execute<Record<string, unknown>>(sql`
    select coalesce(error_code, 'UNKNOWN') as error_code, type, count(*)::int as count,
      max(coalesce(completed_at, updated_at)) as last_at
    from "generations"
    where status = 'failed' and created_at >= ${start.toISOString()}::timestamptz
      and created_at < ${end.toISOString()}::timestamptz
    group by 1, 2
    order by count desc, error_code, type
    ${limit ? sql`limit ${limit}` : sql``}`);
  return result.rows.map((r) => ({
    errorCode: String(r.error_code),
    type: String(r.type),
    count: num(r.count),
    lastAt: iso(r.last_at),
  }));
}

export interface TypeSummary {
  type: string;
  total: number;
  succeeded: number;
  failed: number;
  lastUpdatedAt: string | null;
}

/** vw_generations_type_summary (all time), with succeeded and failed counts beside it. */
export async function typeSummary(db: Database): Promise<TypeSummary[]> {
  const result = await db.execute<Record<string, unknown>>(sql`
    select v.type, v.total, v.last_updated_at, coalesce(s.succeeded, 0) as succeeded,
      coalesce(s.failed, 0) as failed
    from "vw_generations_type_summary" v
    left join (
      select type, count(*) filter (where status = 'succeeded')::int as succeeded,
        count(*) filter (where status = 'failed')::int as failed
      from "generations" group by type
    ) s on s.type = v.type`);
  const byType = new Map(result.rows.map((r) => [String(r.type), r]));
  return GENERATION_TYPES.map((type) => {
    const r = byType.get(type);
    return {
      type,
      total: num(r?.total),
      succeeded: num(r?.succeeded),
      failed: num(r?.failed),
      lastUpdatedAt: iso(r?.last_updated_at),
    };
  });
}

export interface SpendRow {
  date: string;
  provider: string;
  model: string;
  tasks: number;
  /** Tasks whose provider reported what it charged. */
  tasksWithCost: number;
  /** Provider credits consumed (sum of provider_cost where known). */
  providerCredits: number;
  /** Our credits charged to creators for the same tasks (before refunds). */
  creditsCharged: number;
}

export type SpendTotals = Omit<SpendRow, "date" | "provider" | "model">;

/**
 * Provider spend per (UTC day of created_at, provider, model): every generation of the range is
 * a task; the provider's figure is known only where it reported one. Only days and models with
 * tasks are listed (a grid of every day × model would be mostly zeros).
 */
export async function providerSpend(
  db: Database,
  range: DayRange,
): Promise<{ items: SpendRow[]; totals: SpendTotals }> {
  const { start, end } = dayBounds(range);
  const result = await db.execute<Record<string, unknown>>(sql`
    select to_char(created_at at time zone 'UTC', 'YYYY-MM-DD') as date, provider,
      model_id as model, count(*)::int as tasks, count(provider_cost)::int as tasks_with_cost,
      coalesce(sum(provider_cost), 0)::bigint as provider_credits,
      coalesce(sum(credits_cost), 0)::bigint as credits_charged
    from "generations"
    where created_at >= ${start.toISOString()}::timestamptz
      and created_at < ${end.toISOString()}::timestamptz
    group by 1, 2, 3
    order by 1, 2, 3`);
  const items = result.rows.map(
    (r): SpendRow => ({
      date: String(r.date),
      provider: String(r.provider),
      model: String(r.model),
      tasks: num(r.tasks),
      tasksWithCost: num(r.tasks_with_cost),
      providerCredits: num(r.provider_credits),
      creditsCharged: num(r.credits_charged),
    }),
  );
  const totals: SpendTotals = { tasks: 0, tasksWithCost: 0, providerCredits: 0, creditsCharged: 0 };
  for (const row of items) {
    totals.tasks += row.tasks;
    totals.tasksWithCost += row.tasksWithCost;
    totals.providerCredits += row.providerCredits;
    totals.creditsCharged += row.creditsCharged;
  }
  return { items, totals };
}
