import { eq } from "drizzle-orm";
import type { Database } from "../../db/client";
import { generationImages, generationVideos } from "../../db/schema";
import { ApiError } from "../../lib/errors";
import { recordAdminAction } from "../audit";

export const MODERATION_STATUSES = ["normal", "banned", "featured"] as const;
export type ModerationStatus = (typeof MODERATION_STATUSES)[number];
export type ArtworkKind = "image" | "video";

const tables = { image: generationImages, video: generationVideos } as const;

export interface ModerationResult {
  type: ArtworkKind;
  uuid: string;
  moderationStatus: ModerationStatus;
  previousStatus: ModerationStatus;
  changed: boolean;
}

/**
 * Sets a work's moderation status and audits it in the same transaction. The row is locked
 * first, so two admins moderating at once each see the other's result as `before`; repeating
 * the current status changes nothing and records nothing.
 */
export async function moderateArtwork(
  db: Database,
  input: {
    type: ArtworkKind;
    uuid: string;
    status: ModerationStatus;
    reason: string | null;
    actorId: string;
    requestId: string | null;
  },
): Promise<ModerationResult> {
  const table = tables[input.type];
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select({ status: table.moderationStatus })
      .from(table)
      .where(eq(table.uuid, input.uuid))
      .for("update");
    if (!current) throw new ApiError("NOT_FOUND");
    const before = current.status as ModerationStatus;
    const result = {
      type: input.type,
      uuid: input.uuid,
      moderationStatus: input.status,
      previousStatus: before,
      changed: before !== input.status,
    };
    if (!result.changed) return result;
    await tx
      .update(table)
      .set({ moderationStatus: input.status })
      .where(eq(table.uuid, input.uuid));
    await recordAdminAction(tx, {
      actorId: input.actorId,
      action: "artworks.moderate",
      targetType: input.type,
      targetId: input.uuid,
      reason: input.reason,
      details: { before, after: input.status },
      requestId: input.requestId,
    });
    return result;
  });
}
