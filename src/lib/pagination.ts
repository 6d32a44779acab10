import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { ApiError } from "./errors";

/** `?cursor=&limit=` of every list (SPEC §4). */
export const PageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/**
 * Keyset position: the sort timestamp and id of the last item returned. The timestamp keeps
 * Postgres's microseconds (a JS Date would cut them to milliseconds, and rows written in one
 * transaction share a timestamp, so a truncated cursor would skip them).
 */
export interface Cursor {
  at: string;
  id: string;
}

const CursorSchema = z.object({ at: z.iso.datetime({ offset: false }), id: z.uuid() });

/** Select this next to the row to build its cursor: the column as UTC ISO with microseconds. */
export function cursorTimeOf(column: AnyColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Rows after the cursor in `order by <at> desc, <id> desc` order (a row comparison: one index range). */
export function beforeCursor(at: AnyColumn, id: AnyColumn, cursor: Cursor | null): SQL | undefined {
  if (!cursor) return undefined;
  return sql`(${at}, ${id}) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`;
}

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ at: cursor.at, id: cursor.id });
  return btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Opaque to clients; anything we did not issue is INVALID_CURSOR (400). */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const json = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = CursorSchema.parse(JSON.parse(json));
    return { at: parsed.at, id: parsed.id };
  } catch {
    throw new ApiError("INVALID_CURSOR");
  }
}

/** Splits a `limit + 1` fetch into the page and the cursor of the next one. */
export function pageOf<T>(
  rows: T[],
  limit: number,
  position: (row: T) => Cursor,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > limit && last ? encodeCursor(position(last)) : null,
  };
}
