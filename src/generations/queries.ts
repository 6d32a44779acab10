import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { generationImages, generations, generationVideos } from "../db/schema";
import { ApiError } from "../lib/errors";
import { beforeCursor, type Cursor, cursorTimeOf, pageOf } from "../lib/pagination";
import type { GenerationRow } from "./lifecycle";

export type ImageRow = typeof generationImages.$inferSelect;
export type VideoRow = typeof generationVideos.$inferSelect;
export interface GenerationWithMedia {
  row: GenerationRow;
  images: ImageRow[];
  videos: VideoRow[];
}

/** The caller's own generation; someone else's, a deleted one or none at all → 404. */
export async function getOwnGeneration(
  db: Database,
  userId: string,
  uuid: string,
): Promise<GenerationWithMedia> {
  const [row] = await db
    .select()
    .from(generations)
    .where(
      and(
        eq(generations.uuid, uuid),
        eq(generations.userId, userId),
        isNull(generations.deletedAt),
      ),
    );
  if (!row) throw new ApiError("NOT_FOUND");
  const [withMedia] = await attachMedia(db, [row]);
  return withMedia as GenerationWithMedia;
}

/** My generations, newest first, by keyset on (created_at, uuid). */
export async function listOwnGenerations(
  db: Database,
  userId: string,
  query: { cursor: Cursor | null; limit: number; type?: string; status?: string },
): Promise<{ items: GenerationWithMedia[]; nextCursor: string | null }> {
  const filters: (SQL | undefined)[] = [
    eq(generations.userId, userId),
    isNull(generations.deletedAt),
    query.type ? eq(generations.type, query.type) : undefined,
    query.status ? eq(generations.status, query.status) : undefined,
    beforeCursor(generations.createdAt, generations.uuid, query.cursor),
  ];
  const rows = await db
    .select({ row: generations, at: cursorTimeOf(generations.createdAt) })
    .from(generations)
    .where(and(...filters))
    .orderBy(desc(generations.createdAt), desc(generations.uuid))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit, (r) => ({ at: r.at, id: r.row.uuid }));
  return {
    items: await attachMedia(
      db,
      page.items.map((r) => r.row),
    ),
    nextCursor: page.nextCursor,
  };
}

/** Images and videos of a page of generations in two queries (not one per generation). */
async function attachMedia(db: Database, rows: GenerationRow[]): Promise<GenerationWithMedia[]> {
  const uuids = rows.map((r) => r.uuid);
  if (uuids.length === 0) return [];
  const [images, videos] = await Promise.all([
    db
      .select()
      .from(generationImages)
      .where(inArray(generationImages.generationUuid, uuids))
      .orderBy(generationImages.imageIndex),
    db
      .select()
      .from(generationVideos)
      .where(inArray(generationVideos.generationUuid, uuids))
      .orderBy(generationVideos.quality),
  ]);
  return rows.map((row) => ({
    row,
    images: images.filter((i) => i.generationUuid === row.uuid),
    videos: videos.filter((v) => v.generationUuid === row.uuid),
  }));
}

/**
 * Soft delete: the generation and its works disappear from every list and from /media at once
 * (works are also made private, so no public listing can show them); the R2 objects stay until
 * the cleanup job removes them. Deleting twice → 404 the second time.
 */
export async function deleteOwnGeneration(
  db: Database,
  userId: string,
  uuid: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(generations)
      .set({ deletedAt: now })
      .where(
        and(
          eq(generations.uuid, uuid),
          eq(generations.userId, userId),
          isNull(generations.deletedAt),
        ),
      )
      .returning({ uuid: generations.uuid });
    if (!row) throw new ApiError("NOT_FOUND");
    await tx
      .update(generationImages)
      .set({ visibilityLevel: "private" })
      .where(eq(generationImages.generationUuid, uuid));
    await tx
      .update(generationVideos)
      .set({ visibilityLevel: "private" })
      .where(eq(generationVideos.generationUuid, uuid));
  });
}

const artworkTables = { image: generationImages, video: generationVideos } as const;
export type ArtworkType = keyof typeof artworkTables;

/** Publishes or unpublishes one of my works. */
export async function setArtworkVisibility(
  db: Database,
  input: { userId: string; type: ArtworkType; uuid: string; visibility: "private" | "public" },
): Promise<void> {
  const table = artworkTables[input.type];
  const updated = await db
    .update(table)
    .set({ visibilityLevel: input.visibility })
    .where(
      and(
        eq(table.uuid, input.uuid),
        eq(table.userId, input.userId),
        sql`exists (select 1 from ${generations} g where g.uuid = ${table.generationUuid} and g.deleted_at is null)`,
      ),
    )
    .returning({ uuid: table.uuid });
  if (updated.length === 0) throw new ApiError("NOT_FOUND");
}

/**
 * The generation behind a work, when the caller may see it: their own, or a public work that
 * is not banned. Everything else → 404 (SPEC §7).
 */
export async function visibleArtworkGeneration(
  db: Database,
  input: { viewerId: string | null; type: ArtworkType; uuid: string },
): Promise<{ generation: GenerationRow; ownedByViewer: boolean }> {
  const table = artworkTables[input.type];
  const [found] = await db
    .select({
      generation: generations,
      visibility: table.visibilityLevel,
      moderation: table.moderationStatus,
    })
    .from(table)
    .innerJoin(generations, eq(generations.uuid, table.generationUuid))
    .where(and(eq(table.uuid, input.uuid), isNull(generations.deletedAt)));
  if (!found) throw new ApiError("NOT_FOUND");
  const ownedByViewer = found.generation.userId === input.viewerId;
  const listed = found.visibility === "public" && found.moderation !== "banned";
  if (!ownedByViewer && !listed) throw new ApiError("NOT_FOUND");
  return { generation: found.generation, ownedByViewer };
}
