import { z } from "zod";
import { ApiError } from "./errors";

/** `?cursor=&limit=` of every list (SPEC §4). */
export const PageQuerySchema = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Keyset position: the sort timestamp and id of the last item returned. */
export interface Cursor {
  at: Date;
  id: string;
}

const CursorSchema = z.object({ at: z.iso.datetime(), id: z.uuid() });

export function encodeCursor(cursor: Cursor): string {
  const json = JSON.stringify({ at: cursor.at.toISOString(), id: cursor.id });
  return btoa(json).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** Opaque to clients; anything we did not issue is INVALID_CURSOR (400). */
export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const json = atob(raw.replace(/-/g, "+").replace(/_/g, "/"));
    const parsed = CursorSchema.parse(JSON.parse(json));
    return { at: new Date(parsed.at), id: parsed.id };
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
