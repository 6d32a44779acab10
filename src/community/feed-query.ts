import { and, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { SortPosition } from "./cursor";
import { afterPositionSql, cursorKeysOf, cursorKeysSql, type FeedSort, orderBySql } from "./sorts";
import {
  type ArtworkType,
  hydratedPageSql,
  listedSql,
  WORK_TABLES,
  type WorkRow,
  workColumnsSql,
} from "./work-sql";

export interface FeedFilter {
  types: readonly ArtworkType[];
  model?: string;
  style?: string;
  /** One author's works only (their public profile). */
  authorId?: string;
}

export interface FeedPageRequest {
  sort: FeedSort;
  filter: FeedFilter;
  after: SortPosition | null;
  limit: number;
  viewerId: string | null;
}

/**
 * One page of listed works in a gallery order. Each work table gives at most `limit + 1` rows
 * from its partial index (an index range after the cursor, never an OFFSET); with both types the
 * two short, ordered lists are merged and cut again. Returns up to `limit + 1` rows so the
 * caller knows whether a next page exists.
 */
export async function selectFeedPage(
  db: Database,
  request: FeedPageRequest,
): Promise<{ rows: WorkRow[]; positionOf: (row: WorkRow) => SortPosition }> {
  const result = await db.execute<WorkRow>(feedPageSql(request));
  const { sort } = request;
  return {
    rows: result.rows,
    positionOf: (row) => ({ keys: cursorKeysOf(sort, row), id: row.uuid }),
  };
}

/** The statement selectFeedPage runs (the benchmark's raw-SQL baseline runs the very same). */
export function feedPageSql(request: FeedPageRequest): SQL {
  const { sort, filter, after } = request;
  const fetch = request.limit + 1;
  const branch = (type: ArtworkType) => {
    const where = and(
      listedSql("w"),
      filter.model ? sql`w.model_id = ${filter.model}` : undefined,
      filter.style ? sql`w.style = ${filter.style}` : undefined,
      filter.authorId ? sql`w.user_id = ${filter.authorId}::uuid` : undefined,
      afterPositionSql(sort, "w", after),
    );
    return sql`select ${workColumnsSql(type)} from ${WORK_TABLES[type]} w
      where ${where} order by ${orderBySql(sort, "w")} limit ${fetch}`;
  };
  const [first, second] = filter.types;
  let page: SQL;
  if (!first) throw new Error("selectFeedPage: no artwork type");
  if (second) {
    page = sql`(${branch(first)}) union all (${branch(second)})
      order by ${orderBySql(sort)} limit ${fetch}`;
  } else {
    page = branch(first);
  }
  return hydratedPageSql({
    page,
    orderBy: orderBySql(sort, "p"),
    extra: cursorKeysSql(sort, "p"),
    viewerId: request.viewerId,
  });
}
