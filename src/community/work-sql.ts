import { type SQL, sql } from "drizzle-orm";

export const ARTWORK_TYPES = ["image", "video"] as const;
export type ArtworkType = (typeof ARTWORK_TYPES)[number];

/**
 * The SQL shared by every gallery list: which works are listed, the columns a work brings into
 * a page (images and videos in one shape, so a union of both can be merged and ordered), and
 * the outer query that adds the author and the viewer's likes for the page in the same
 * statement (one round trip per page, never a query per item).
 */

export const WORK_TABLES: Record<ArtworkType, SQL> = {
  image: sql.raw(`"generation_images"`),
  video: sql.raw(`"generation_videos"`),
};

/** Public and not banned: the predicate of the partial gallery indexes, word for word. */
export function listedSql(alias: string): SQL {
  return sql.raw(`${alias}.visibility_level = 'public' and ${alias}.moderation_status <> 'banned'`);
}

/** Long prompts are cut in SQL: a page never ships kilobytes of prompt per item. */
export const PROMPT_EXCERPT_CHARS = 280;

const WORK_COLUMNS: Record<ArtworkType, string> = {
  image: `'image'::text as type, w.uuid, w.generation_uuid, w.user_id,
    w.image_url as media_url, null::text as poster_url, w.thumbnail_url,
    w.width, w.height, null::integer as duration_seconds, null::text as quality,
    w.model_id, w.style, w.visibility_level, w.moderation_status,
    w.like_count, w.favorite_count, w.hot_score, w.created_at,
    left(w.original_prompt, ${PROMPT_EXCERPT_CHARS + 1}) as prompt`,
  video: `'video'::text as type, w.uuid, w.generation_uuid, w.user_id,
    w.video_url as media_url, w.poster_url, null::text as thumbnail_url,
    null::integer as width, null::integer as height, w.duration_seconds, w.quality,
    w.model_id, w.style, w.visibility_level, w.moderation_status,
    w.like_count, w.favorite_count, w.hot_score, w.created_at,
    left(w.original_prompt, ${PROMPT_EXCERPT_CHARS + 1}) as prompt`,
};

/** A work's columns, for a table aliased `w`. */
export function workColumnsSql(type: ArtworkType): SQL {
  return sql.raw(WORK_COLUMNS[type]);
}

/** A row of a hydrated page, as the driver returns it (snake_case, timestamps as text). */
export interface WorkRow extends Record<string, unknown> {
  type: ArtworkType;
  uuid: string;
  generation_uuid: string;
  user_id: string;
  media_url: string;
  poster_url: string | null;
  thumbnail_url: string | null;
  width: number | null;
  height: number | null;
  duration_seconds: number | null;
  quality: string | null;
  model_id: string;
  style: string | null;
  visibility_level: string;
  moderation_status: string;
  like_count: number;
  favorite_count: number;
  prompt: string | null;
  created_at_iso: string;
  author_name: string;
  author_avatar: string | null;
  liked: boolean | null;
  favorited: boolean | null;
}

const AVATAR_IS_IMAGE_ID = `u.avatar_url ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

/**
 * One probe of the unique (user, art, type, kind) key per page row. A scalar subquery, not
 * EXISTS: Postgres may plan an EXISTS as a hashed subplan that first reads every like of the
 * viewer (the planner guesses a few dozen), so a heavy liker's page cost grew with their likes
 * (npm run bench: 2,000 likes read for a 25-row page).
 */
function viewerFlagSql(viewerId: string | null, kind: "like" | "favorite"): SQL {
  if (!viewerId) return sql`null::boolean`;
  return sql`coalesce((select true from "user_interactions" x
    where x.user_id = ${viewerId}::uuid and x.art_id = p.uuid and x.art_type = p.type
      and x.interaction_type = ${kind}), false)`;
}

/**
 * Adds to a page (rows with the work columns, aliased `p`) its author and the viewer's like and
 * favorite flags, in the page's order. `extra` selects more columns (the cursor's keys).
 */
export function hydratedPageSql(input: {
  page: SQL;
  orderBy: SQL;
  extra?: SQL;
  viewerId: string | null;
}): SQL {
  const extra = input.extra ? sql`${input.extra},` : sql``;
  return sql`with page as (${input.page})
    select p.*, ${extra}
      to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at_iso,
      coalesce(u.display_name, u.name) as author_name,
      case when ${sql.raw(AVATAR_IS_IMAGE_ID)}
        then (select ai.image_url from "generation_images" ai
              where ai.uuid = u.avatar_url::uuid and ai.user_id = u.id)
        else u.avatar_url end as author_avatar,
      ${viewerFlagSql(input.viewerId, "like")} as liked,
      ${viewerFlagSql(input.viewerId, "favorite")} as favorited
    from page p
    join "user" u on u.id = p.user_id
    order by ${input.orderBy}`;
}
