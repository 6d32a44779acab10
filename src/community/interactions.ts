import { sql } from "drizzle-orm";
import type { Database } from "../db/client";
import type { Executor } from "../db/transaction";
import { ApiError } from "../lib/errors";
import type { InteractionState } from "./schemas";
import { type ArtworkType, listedSql, WORK_TABLES } from "./work-sql";

export type InteractionKind = "like" | "favorite";

const COUNTER: Record<InteractionKind, string> = {
  like: "like_count",
  favorite: "favorite_count",
};

/**
 * Likes or unlikes (favorites or unfavorites) a listed work. In one transaction: lock the work's
 * row, insert or delete the interaction row, and move the counter only when the row really
 * changed. The lock serialises everyone touching the same work, so a repeated like is a no-op,
 * a like racing an unlike leaves the counter equal to the rows, and counts never go negative.
 * Private, banned, deleted or unknown works answer 404 for both directions.
 */
export async function setInteraction(
  db: Database,
  input: { userId: string; type: ArtworkType; uuid: string; kind: InteractionKind; on: boolean },
): Promise<InteractionState> {
  const table = WORK_TABLES[input.type];
  const counter = sql.raw(COUNTER[input.kind]);
  return db.transaction(async (tx) => {
    const locked = await tx.execute<{ uuid: string }>(sql`
      select w.uuid from ${table} w
      where w.uuid = ${input.uuid}::uuid and ${listedSql("w")}
      for no key update`);
    if (locked.rows.length === 0) throw new ApiError("NOT_FOUND");

    const changed = input.on
      ? await tx.execute(sql`
          insert into "user_interactions" (user_id, art_type, art_id, interaction_type)
          values (${input.userId}::uuid, ${input.type}, ${input.uuid}::uuid, ${input.kind})
          on conflict on constraint "user_interactions_user_art_kind_key" do nothing
          returning id`)
      : await tx.execute(sql`
          delete from "user_interactions"
          where user_id = ${input.userId}::uuid and art_type = ${input.type}
            and art_id = ${input.uuid}::uuid and interaction_type = ${input.kind}
          returning id`);
    if (changed.rows.length > 0) {
      const delta = input.on ? sql`${counter} + 1` : sql`greatest(${counter} - 1, 0)`;
      await tx.execute(
        sql`update ${table} set ${counter} = ${delta} where uuid = ${input.uuid}::uuid`,
      );
    }
    return interactionState(tx, input);
  });
}

/** The work's counters and the user's two flags, read in one statement. */
async function interactionState(
  db: Executor,
  input: { userId: string; type: ArtworkType; uuid: string },
): Promise<InteractionState> {
  const flag = (kind: InteractionKind) => sql`exists (select 1 from "user_interactions" x
    where x.user_id = ${input.userId}::uuid and x.art_type = ${input.type}
      and x.art_id = w.uuid and x.interaction_type = ${kind})`;
  const result = await db.execute<{
    like_count: number;
    favorite_count: number;
    liked: boolean;
    favorited: boolean;
  }>(sql`select w.like_count, w.favorite_count, ${flag("like")} as liked,
      ${flag("favorite")} as favorited
    from ${WORK_TABLES[input.type]} w where w.uuid = ${input.uuid}::uuid`);
  const row = result.rows[0];
  if (!row) throw new ApiError("NOT_FOUND");
  return {
    type: input.type,
    uuid: input.uuid,
    liked: row.liked,
    favorited: row.favorited,
    likeCount: Number(row.like_count),
    favoriteCount: Number(row.favorite_count),
  };
}
