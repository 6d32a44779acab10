import { eq, or, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { generationImages, generations, generationVideos } from "../db/schema";

/** The work an R2 object belongs to: enough to decide who may see it. */
export interface MediaOwner {
  userId: string;
  visibility: string;
  moderation: string;
  deleted: boolean;
}

/**
 * Finds the image, video or poster stored under `r2Key` (unique columns, so at most one row)
 * with its generation's soft delete, in one round trip.
 */
export async function findMediaOwner(db: Database, r2Key: string): Promise<MediaOwner | null> {
  const deleted = sql<boolean>`${generations.deletedAt} is not null`;
  const images = db
    .select({
      userId: generationImages.userId,
      visibility: generationImages.visibilityLevel,
      moderation: generationImages.moderationStatus,
      deleted,
    })
    .from(generationImages)
    .innerJoin(generations, eq(generations.uuid, generationImages.generationUuid))
    .where(eq(generationImages.r2Key, r2Key));
  const videos = db
    .select({
      userId: generationVideos.userId,
      visibility: generationVideos.visibilityLevel,
      moderation: generationVideos.moderationStatus,
      deleted,
    })
    .from(generationVideos)
    .innerJoin(generations, eq(generations.uuid, generationVideos.generationUuid))
    .where(or(eq(generationVideos.r2Key, r2Key), eq(generationVideos.posterR2Key, r2Key)));
  const [row] = await images.unionAll(videos).limit(1);
  return row ?? null;
}
