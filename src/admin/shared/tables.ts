import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../../auth/guards";
import { errorBody, SESSION_ONLY } from "../../lib/openapi";
import { type Cursor, decodeCursor, PageQuerySchema } from "../../lib/pagination";

/**
 * Every admin list and report answers JSON, or with `?format=csv` the same rows as a CSV
 * download. Lists are keyset pages in JSON; their CSV walks every page of the filtered list.
 */
export const FormatQuery = z.object({
  format: z
    .enum(["json", "csv"])
    .default("json")
    .meta({ description: "`csv` downloads the whole list or report as a CSV file" }),
});

/** `?cursor&limit&format` of an admin list. */
export const AdminPageQuery = PageQuerySchema.extend(FormatQuery.shape);

/** The 200 of a route that answers JSON or CSV. */
export function tableResponse<T>(schema: T, description: string) {
  return {
    200: {
      description,
      content: {
        "application/json": { schema },
        "text/csv": { schema: z.string().meta({ description: "The same rows as CSV (RFC 4180)" }) },
      },
    },
  };
}

export const ADMIN_ERRORS = {
  401: errorBody("Not signed in"),
  403: errorBody("Not an admin"),
  429: errorBody("Too many requests; see Retry-After"),
};

export type PageFetcher<T> = (
  cursor: Cursor | null,
  limit: number,
) => Promise<{ items: T[]; nextCursor: string | null }>;

/** Rows fetched per page while a list is exported to CSV. */
export const EXPORT_BATCH = 500;

/** Walks a keyset list from the start to the end, one page per batch (for CSV exports). */
export async function* allPages<T>(fetchPage: PageFetcher<T>): AsyncGenerator<T[]> {
  let cursor: Cursor | null = null;
  do {
    const page = await fetchPage(cursor, EXPORT_BATCH);
    yield page.items;
    cursor = page.nextCursor ? decodeCursor(page.nextCursor) : null;
  } while (cursor);
}

/** `{from, to}` of a report's answer: the range it covers, defaults filled in. */
export const ReportRangeSchema = z.object({ from: z.string(), to: z.string() });

/** An admin report: GET, admin only, the given query, JSON `body` or CSV. */
export function reportRoute<Q extends z.ZodObject, T extends z.ZodType>(
  path: string,
  summary: string,
  query: Q,
  body: T,
) {
  return createRoute({
    method: "get",
    path,
    tags: ["Admin"],
    summary,
    security: SESSION_ONLY,
    middleware: requireAdmin(),
    request: { query },
    responses: {
      ...tableResponse(body, summary),
      400: errorBody("Bad range, filter or format"),
      ...ADMIN_ERRORS,
    },
  });
}
