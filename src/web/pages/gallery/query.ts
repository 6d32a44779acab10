import type { Context } from "hono";
import { AuthorWorksQuerySchema, FeedQuerySchema } from "../../../community/schemas";
import type { AppEnv } from "../../../context";
import { ApiError } from "../../../lib/errors";

/** The gallery's query: the API's own schema, so a page and its JSON twin accept the same URLs. */
export function feedQuery(c: Context<AppEnv>) {
  return parsed(FeedQuerySchema.safeParse(filledParams(c)));
}

export function authorWorksQuery(c: Context<AppEnv>) {
  return parsed(AuthorWorksQuerySchema.safeParse(filledParams(c)));
}

/** The filter form sends "any model" as `model=`: an empty field means no filter. */
function filledParams(c: Context<AppEnv>): Record<string, string> {
  return Object.fromEntries(Object.entries(c.req.query()).filter(([, value]) => value !== ""));
}

function parsed<T>(result: { success: true; data: T } | { success: false; error: unknown }): T {
  if (!result.success) throw new ApiError("VALIDATION_FAILED");
  return result.data;
}

/**
 * The list's filters as query parameters, defaults left out so links stay short. `limit` is
 * kept only when the visitor chose one, so the next page has the same size.
 */
export function listParams(
  query: { type: string; sort?: string; model?: string; style?: string; limit: number },
  chosenLimit: boolean,
): URLSearchParams {
  const params = new URLSearchParams();
  if (query.type !== "all") params.set("type", query.type);
  if (query.sort && query.sort !== "newest") params.set("sort", query.sort);
  if (query.model) params.set("model", query.model);
  if (query.style) params.set("style", query.style);
  if (chosenLimit) params.set("limit", String(query.limit));
  return params;
}

/** The page link and the API link of the page after `cursor` (the more link carries both). */
export function nextLinks(
  pagePath: string,
  apiPath: string,
  params: URLSearchParams,
  cursor: string,
) {
  const next = new URLSearchParams(params);
  next.set("cursor", cursor);
  return { href: `${pagePath}?${next}`, api: `${apiPath}?${next}` };
}
