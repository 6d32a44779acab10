import { type SQL, sql } from "drizzle-orm";
import { cursorKeysSql, type FeedSort, orderBySql } from "../../src/community/sorts";
import {
  type ArtworkType,
  hydratedPageSql,
  listedSql,
  WORK_TABLES,
  workColumnsSql,
} from "../../src/community/work-sql";

/**
 * The gallery page `offset` rows down, read with OFFSET instead of a cursor: the same columns,
 * order, hydration and page size as the feed. Each branch must then hand over `offset + fetch`
 * rows; without a branch `order by` (`flat`, the textbook form) Postgres 15 cannot merge the two
 * indexes at all, since a union member with a WHERE is planned on its own, unaware of the order
 * wanted above it. Used as the baseline by `gallery:explain` and `npm run bench`.
 */
export function offsetPageSql(options: {
  sort: FeedSort;
  types: readonly ArtworkType[];
  flat: boolean;
  offset: number;
  fetch: number;
  viewerId: string | null;
}): SQL {
  const { sort, offset, fetch } = options;
  const order = sql`order by ${orderBySql(sort, "w")} limit ${offset + fetch}`;
  const branches = options.types.map(
    (type) => sql`(select ${workColumnsSql(type)} from ${WORK_TABLES[type]} w
      where ${listedSql("w")} ${options.flat ? sql`` : order})`,
  );
  return hydratedPageSql({
    page: sql`${sql.join(branches, sql` union all `)}
      order by ${orderBySql(sort)} limit ${fetch} offset ${offset}`,
    orderBy: orderBySql(sort, "p"),
    extra: cursorKeysSql(sort, "p"),
    viewerId: options.viewerId,
  });
}

/** The sort keys and uuid of the row `depth` places down the list (to place a cursor there). */
export function positionAtDepthSql(
  sort: FeedSort,
  types: readonly ArtworkType[],
  depth: number,
): SQL {
  const branches = types.map(
    (type) => sql`select w.uuid, w.created_at, w.like_count, w.hot_score
      from ${WORK_TABLES[type]} w where ${listedSql("w")}`,
  );
  return sql`select ${cursorKeysSql(sort, "w")}, w.uuid
    from (${sql.join(branches, sql` union all `)}) w
    order by ${orderBySql(sort, "w")} offset ${depth} limit 1`;
}
