import { type SQL, sql } from "drizzle-orm";
import { workColumnsSql } from "../../community/work-sql";
import type { Database } from "../../db/client";
import { type Cursor, pageOf } from "../../lib/pagination";
import type { ArtworkKind, ModerationStatus } from "./moderate";

export interface QueueFilters {
  type: ArtworkKind | "all";
  moderation?: ModerationStatus;
  visibility: "public" | "private" | "all";
  userId?: string;
}

export interface QueueRow {
  type: ArtworkKind;
  uuid: string;
  generationUuid: string;
  authorId: string;
  authorEmail: string;
  prompt: string | null;
  modelId: string;
  visibility: string;
  moderationStatus: string;
  likeCount: number;
  favoriteCount: number;
  mediaUrl: string;
  posterUrl: string | null;
  createdAt: Date;
}

interface RawRow extends Record<string, unknown> {
  type: ArtworkKind;
  uuid: string;
  generation_uuid: string;
  user_id: string;
  author_email: string;
  prompt: string | null;
  model_id: string;
  visibility_level: string;
  moderation_status: string;
  like_count: number;
  favorite_count: number;
  media_url: string;
  poster_url: string | null;
  at: string;
}

const TABLES: Record<ArtworkKind, string> = {
  image: `"generation_images"`,
  video: `"generation_videos"`,
};

/** One table's candidates for the page: filtered, past the cursor, newest first, `size` rows. */
function candidatesSql(
  type: ArtworkKind,
  filters: QueueFilters,
  cursor: Cursor | null,
  size: number,
): SQL {
  const where: SQL[] = [
    sql`exists (select 1 from "generations" g where g.uuid = w.generation_uuid and g.deleted_at is null)`,
  ];
  if (filters.visibility !== "all") where.push(sql`w.visibility_level = ${filters.visibility}`);
  if (filters.moderation) where.push(sql`w.moderation_status = ${filters.moderation}`);
  if (filters.userId) where.push(sql`w.user_id = ${filters.userId}::uuid`);
  if (cursor)
    where.push(sql`(w.created_at, w.uuid) < (${cursor.at}::timestamptz, ${cursor.id}::uuid)`);
  return sql`(select ${workColumnsSql(type)} from ${sql.raw(TABLES[type])} w
    where ${sql.join(where, sql` and `)}
    order by w.created_at desc, w.uuid desc limit ${size})`;
}

/**
 * Works for moderation, images and videos merged, newest first (keyset on created_at, uuid).
 * Works of deleted generations are left out: nobody can see them, so there is nothing to judge.
 */
export async function listModerationQueue(
  db: Database,
  filters: QueueFilters,
  page: { cursor: Cursor | null; limit: number },
) {
  const types: ArtworkKind[] = filters.type === "all" ? ["image", "video"] : [filters.type];
  const size = page.limit + 1;
  const union = sql.join(
    types.map((type) => candidatesSql(type, filters, page.cursor, size)),
    sql` union all `,
  );
  const result = await db.execute<RawRow>(sql`with page as (${union})
    select p.type, p.uuid, p.generation_uuid, p.user_id, u.email as author_email, p.prompt,
      p.model_id, p.visibility_level, p.moderation_status, p.like_count, p.favorite_count,
      p.media_url, p.poster_url,
      to_char(p.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
    from page p join "user" u on u.id = p.user_id
    order by p.created_at desc, p.uuid desc
    limit ${size}`);
  const paged = pageOf(result.rows, page.limit, (row) => ({ at: row.at, id: row.uuid }));
  return {
    items: paged.items.map(
      (r): QueueRow => ({
        type: r.type,
        uuid: r.uuid,
        generationUuid: r.generation_uuid,
        authorId: r.user_id,
        authorEmail: r.author_email,
        prompt: r.prompt,
        modelId: r.model_id,
        visibility: r.visibility_level,
        moderationStatus: r.moderation_status,
        likeCount: Number(r.like_count),
        favoriteCount: Number(r.favorite_count),
        mediaUrl: r.media_url,
        posterUrl: r.poster_url,
        createdAt: new Date(r.at),
      }),
    ),
    nextCursor: paged.nextCursor,
  };
}
