import { and, eq, inArray, isNull } from "drizzle-orm";
import { generationImages, generations } from "../db/schema";
import { ApiError } from "../lib/errors";
import { isUuid } from "../lib/ids";
import { signMediaPath } from "../media/signed-url";
import type { PipelineDeps } from "./pipeline-deps";

/** KieAI fetches reference images when the task starts; a day covers queues and retries. */
const REFERENCE_LINK_SECONDS = 24 * 3600;

/**
 * Reference images are https URLs or uuids of the caller's own images. A uuid becomes a
 * short-lived signed link to our copy in R2, so a private image can be used without being
 * made public. Someone else's image, or a deleted one, is a validation error.
 */
export async function resolveReferenceImages(
  deps: PipelineDeps,
  userId: string,
  references: string[],
): Promise<string[]> {
  const uuids = references.filter(isUuid);
  const keys = new Map<string, string>();
  if (uuids.length > 0) {
    const rows = await deps.db
      .select({ uuid: generationImages.uuid, r2Key: generationImages.r2Key })
      .from(generationImages)
      .innerJoin(generations, eq(generations.uuid, generationImages.generationUuid))
      .where(
        and(
          inArray(generationImages.uuid, uuids),
          eq(generationImages.userId, userId),
          isNull(generations.deletedAt),
        ),
      );
    for (const row of rows) keys.set(row.uuid, row.r2Key);
  }
  const unknown = references.flatMap((ref, i) => (isUuid(ref) && !keys.has(ref) ? [i] : []));
  if (unknown.length > 0) {
    throw new ApiError("VALIDATION_FAILED", {
      details: {
        issues: unknown.map((i) => ({
          path: `referenceImages.${i}`,
          code: "invalid_value",
          message: "is not one of your images",
        })),
      },
    });
  }
  const expiresAt = Math.floor(deps.now().getTime() / 1000) + REFERENCE_LINK_SECONDS;
  return Promise.all(
    references.map(async (ref) => {
      const key = keys.get(ref);
      if (!key) return ref;
      return `${deps.publicUrl}${await signMediaPath(deps.callbackSecret, key, expiresAt)}`;
    }),
  );
}
