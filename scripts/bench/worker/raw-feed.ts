import type { Pool } from "@neondatabase/serverless";
import { PgDialect } from "drizzle-orm/pg-core";
import { decodeSignedCursor } from "../../../src/community/cursor";
import { cursorScope } from "../../../src/community/feed";
import { feedPageSql } from "../../../src/community/feed-query";
import type { FeedSort } from "../../../src/community/sorts";
import { ARTWORK_TYPES } from "../../../src/community/work-sql";
import { openDatabase } from "../../../src/db/client";
import type { Env } from "../../../src/env";

const PAGE = 24;
const dialect = new PgDialect();
/** Rendered statements by query string: the first request renders, later ones only run. */
const rendered = new Map<string, { sql: string; params: unknown[] }>();

/**
 * The raw-SQL baseline of the gallery endpoint: the very statement the feed runs (rendered by
 * feedPageSql), sent through the same driver (a Neon Pool per request), its rows returned as
 * JSON. No router, no middleware, no session, no rate limit, no shaping: what is left of the
 * gallery endpoint's cost once everything we add is taken away.
 */
export async function rawFeed(request: Request, env: Env, ctx: ExecutionContext) {
  const url = new URL(request.url);
  const vars = env as Record<string, string>;
  let query = rendered.get(url.search);
  if (!query) {
    const sort = (url.searchParams.get("sort") ?? "newest") as FeedSort;
    const viewerId = url.searchParams.get("viewer");
    const scope = cursorScope({ type: "all", sort, limit: PAGE, viewerId: null });
    const cursor = url.searchParams.get("cursor") ?? undefined;
    const after = await decodeSignedCursor(vars.BETTER_AUTH_SECRET ?? "", scope, cursor);
    const statement = feedPageSql({
      sort,
      filter: { types: ARTWORK_TYPES },
      after,
      limit: PAGE,
      viewerId,
    });
    query = dialect.sqlToQuery(statement);
    rendered.set(url.search, query);
  }
  const handle = openDatabase({ url: vars.DATABASE_URL ?? "", wsProxy: vars.NEON_WS_PROXY });
  try {
    // The Pool under the request's drizzle instance: the driver without the ORM.
    const pool = (handle.db as unknown as { $client: Pool }).$client;
    const { rows } = await pool.query(query.sql, query.params);
    return new Response(JSON.stringify(rows), {
      headers: { "content-type": "application/json" },
    });
  } finally {
    ctx.waitUntil(handle.close());
  }
}
