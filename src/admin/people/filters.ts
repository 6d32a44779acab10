import { z } from "@hono/zod-openapi";
import { type AnyColumn, type SQL, sql } from "drizzle-orm";

/** `?q=`: 1–100 characters, trimmed; matched as a case-insensitive substring. */
export const SearchQuery = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .optional()
  .meta({ description: "Case-insensitive substring to search for" });

/** `?member=true|false` (a query string has no booleans; anything else is a 400). */
export const BooleanQuery = z.enum(["true", "false"]).transform((value) => value === "true");

/**
 * `column ilike %q%` with the pattern's own wildcards escaped: a search for `a_b` or `50%`
 * finds those characters, not any character or any run of them.
 */
export function containsSql(column: AnyColumn | SQL, q: string): SQL {
  const escaped = q.replace(/[\\%_]/g, (ch) => `\\${ch}`);
  return sql`${column} ilike ${`%${escaped}%`}`;
}

/** An optional timestamp as ISO, for JSON items. */
export const isoOrNull = (at: Date | null) => (at ? at.toISOString() : null);
