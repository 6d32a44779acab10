import { type SQL, sql } from "drizzle-orm";
import { ApiError } from "../lib/errors";
import { decodeSignedCursor, encodeSignedCursor } from "./cursor";
import type { GalleryDeps } from "./feed";
import type { InteractionKind } from "./interactions";
import { communityArtworkOf } from "./item-view";
import type { InteractedArtwork } from "./schemas";
import { isIsoMicros } from "./sorts";
import {
  ARTWORK_TYPES,
  type ArtworkType,
  hydratedPageSql,
  listedSql,
  WORK_TABLES,
  type WorkRow,
  workColumnsSql,
} from "./work-sql";

interface InteractedRow extends WorkRow {
  interaction_id: string;
  interacted_at_cursor: string;
  interacted_at_iso: string;
}

const ORDER = sql.raw("interacted_at desc nulls last, interaction_id desc nulls last");

/**
 * The works I liked (or favorited), most recent interaction first, keyset on the interaction's
 * (created_at, id). Works that are no longer listed (made private, banned, deleted) drop out
 * of the list while hidden and come back if they are published again.
 */
export async function listMyInteractions(
  deps: GalleryDeps,
  input: {
    userId: string;
    kind: InteractionKind;
    type: "all" | ArtworkType;
    cursor?: string;
    limit: number;
  },
): Promise<{ items: InteractedArtwork[]; nextCursor: string | null }> {
  // A cursor is only good for the list and the user it was issued to.
  const scope = ["mine", input.kind, input.type, input.userId].join("|");
  const after = await decodeSignedCursor(deps.cursorSecret, scope, input.cursor);
  const at = after?.keys[0];
  if (after && (after.keys.length !== 1 || !isIsoMicros(at))) {
    throw new ApiError("INVALID_CURSOR");
  }
  const fetch = input.limit + 1;
  const branch = (type: ArtworkType): SQL => sql`select ${workColumnsSql(type)},
      ui.created_at as interacted_at, ui.id as interaction_id
    from "user_interactions" ui
    join ${WORK_TABLES[type]} w on w.uuid = ui.art_id
    where ui.user_id = ${input.userId}::uuid and ui.interaction_type = ${input.kind}
      and ui.art_type = ${type} and ${listedSql("w")}
      ${after ? sql`and (ui.created_at, ui.id) < (${at}::timestamptz, ${after.id}::uuid)` : sql``}
    order by ui.created_at desc nulls last, ui.id desc nulls last
    limit ${fetch}`;
  const types = input.type === "all" ? ARTWORK_TYPES : [input.type];
  const page =
    types.length === 2
      ? sql`(${branch("image")}) union all (${branch("video")}) order by ${ORDER} limit ${fetch}`
      : branch(input.type as ArtworkType);
  const result = await deps.db.execute<InteractedRow>(
    hydratedPageSql({
      page,
      orderBy: sql.raw("p.interacted_at desc nulls last, p.interaction_id desc nulls last"),
      extra:
        sql.raw(`to_char(p.interacted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as interacted_at_cursor,
        to_char(p.interacted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as interacted_at_iso`),
      viewerId: input.userId,
    }),
  );
  const rows = result.rows.slice(0, input.limit);
  const last = rows[rows.length - 1];
  const nextCursor =
    result.rows.length > input.limit && last
      ? await encodeSignedCursor(deps.cursorSecret, scope, {
          keys: [last.interacted_at_cursor],
          id: last.interaction_id,
        })
      : null;
  return {
    items: rows.map((row) => ({
      ...communityArtworkOf(row, deps.name),
      interactedAt: row.interacted_at_iso,
    })),
    nextCursor,
  };
}
