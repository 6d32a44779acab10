import { type SQL, sql } from "drizzle-orm";
import { ApiError } from "../lib/errors";
import type { SortPosition } from "./cursor";

export const FEED_SORTS = ["newest", "top", "trending"] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

/**
 * How each gallery order reads its partial index (docs/gallery.md). Keys are listed most
 * significant first and end with the work's uuid, which makes every order total; all run
 * `desc nulls last`, exactly as the indexes are declared, so Postgres scans them in order.
 */
interface SortKey {
  column: string;
  /** How the key is printed into a cursor: exact text (timestamps to the microsecond). */
  print: (alias: string) => string;
  cast: string;
  /** What a printed key looks like; anything else in a cursor is refused before any SQL. */
  valid: (value: unknown) => boolean;
}

/** A timestamp as cursors print it: UTC, ISO 8601, microseconds. */
export const isIsoMicros = (v: unknown): v is string =>
  typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v);

const createdAt: SortKey = {
  column: "created_at",
  print: (a) => `to_char(${a}.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
  cast: "timestamptz",
  valid: isIsoMicros,
};
const likeCount: SortKey = {
  column: "like_count",
  print: (a) => `${a}.like_count`,
  cast: "integer",
  valid: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
};
const hotScore: SortKey = {
  column: "hot_score",
  // float8 prints its shortest exact form, so the cursor names the very same double.
  print: (a) => `${a}.hot_score::text`,
  cast: "double precision",
  valid: (v) => typeof v === "string" && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/.test(v),
};

const SORT_KEYS: Record<FeedSort, SortKey[]> = {
  newest: [createdAt],
  top: [likeCount, createdAt],
  trending: [hotScore],
};

/**
 * `order by` for a sort over rows aliased `alias` (a work table, the page) or, with no alias,
 * over the output columns of a union.
 */
export function orderBySql(sort: FeedSort, alias?: string): SQL {
  const columns = [...SORT_KEYS[sort].map((k) => k.column), "uuid"];
  const prefix = alias ? `${alias}.` : "";
  return sql.raw(columns.map((c) => `${prefix}${c} desc nulls last`).join(", "));
}

/** The printed sort keys of a row, for its cursor: `cursor_key_0`, `cursor_key_1`. */
export function cursorKeysSql(sort: FeedSort, alias: string): SQL {
  return sql.raw(SORT_KEYS[sort].map((k, i) => `${k.print(alias)} as cursor_key_${i}`).join(", "));
}

export function cursorKeysOf(sort: FeedSort, row: Record<string, unknown>): (string | number)[] {
  return SORT_KEYS[sort].map((key, i) => {
    const value = row[`cursor_key_${i}`];
    return key.cast === "integer" ? Number(value) : String(value);
  });
}

/**
 * Rows after the cursor: one row comparison, which Postgres turns into an index range on the
 * sort's partial index (no OFFSET: page 10,000 costs what page 1 does).
 */
export function afterPositionSql(
  sort: FeedSort,
  alias: string,
  position: SortPosition | null,
): SQL | undefined {
  if (!position) return undefined;
  const keys = SORT_KEYS[sort];
  if (position.keys.length !== keys.length) throw new ApiError("INVALID_CURSOR");
  const values = keys.map((key, i) => {
    const value = position.keys[i];
    if (!key.valid(value)) throw new ApiError("INVALID_CURSOR");
    return sql`${value}::${sql.raw(key.cast)}`;
  });
  const columns = sql.raw([...keys.map((k) => `${alias}.${k.column}`), `${alias}.uuid`].join(", "));
  return sql`(${columns}) < (${sql.join(values, sql`, `)}, ${position.id}::uuid)`;
}
