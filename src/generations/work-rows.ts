import type { generationImages, generationVideos } from "../db/schema";
import { mediaUrlFor } from "../media/paths";
import type { GenerationRow, StoredResult } from "./lifecycle";

/** The rows a generation's stored results become: one per image, one per video variant. */

export function imageRow(
  row: GenerationRow,
  result: StoredResult,
): typeof generationImages.$inferInsert {
  return {
    generationUuid: row.uuid,
    userId: row.userId,
    imageIndex: result.index,
    genType: row.subType,
    style: row.style,
    r2Key: result.r2Key,
    imageUrl: mediaUrlFor(result.r2Key),
    width: result.width,
    height: result.height,
    contentType: result.contentType,
    byteSize: result.byteSize,
    generationParams: generationParamsOf(row),
    finalPrompt: row.finalPrompt,
    originalPrompt: row.prompt,
    modelId: row.modelId,
    referenceImageUrl: row.referenceImages[0] ?? null,
    visibilityLevel: row.visibilityLevel,
  };
}

/**
 * One row per video variant, unique per (generation, quality). Its columns come from what the
 * provider was asked, normalised at submission (`metadata.video`); the codec from the file.
 */
export function videoRow(
  row: GenerationRow,
  result: StoredResult,
): typeof generationVideos.$inferInsert {
  const video = videoMetadataOf(row);
  return {
    generationUuid: row.uuid,
    userId: row.userId,
    modelId: row.modelId,
    style: row.style,
    quality: video.quality ?? "standard",
    r2Key: result.r2Key,
    videoUrl: mediaUrlFor(result.r2Key),
    posterR2Key: result.posterR2Key ?? null,
    posterUrl: result.posterR2Key ? mediaUrlFor(result.posterR2Key) : null,
    generationParams: generationParamsOf(row),
    originalPrompt: row.prompt,
    codec: result.codec ?? null,
    durationSeconds: video.durationSeconds,
    ratio: video.ratio,
    resolution: video.resolution,
    byteSize: result.byteSize,
    visibilityLevel: row.visibilityLevel,
  };
}

export interface VideoMetadata {
  durationSeconds: number | null;
  ratio: string | null;
  quality: string | null;
  resolution: string | null;
}

/** `metadata.video` of a video generation, read defensively (it is JSON). */
export function videoMetadataOf(row: GenerationRow): VideoMetadata {
  const video = (row.metadata.video ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value : null);
  return {
    durationSeconds: typeof video.durationSeconds === "number" ? video.durationSeconds : null,
    ratio: text(video.ratio),
    quality: text(video.quality),
    resolution: text(video.resolution),
  };
}

/**
 * What the creator chose, kept on each work so "reuse" can rebuild the request; videos add
 * the provider's parameters as it received them.
 */
export function generationParamsOf(row: GenerationRow): Record<string, unknown> {
  const params: Record<string, unknown> = {
    model: row.modelId,
    aspectRatio: row.aspectRatio,
    count: row.count,
    style: row.style,
    scene: row.scene,
    outfit: row.outfit,
    action: row.action,
    referenceImages: row.referenceImages,
  };
  if (row.type === "video") {
    params.cameraMotion = row.cameraMotion;
    params.video = row.metadata.video ?? null;
    params.provider = row.metadata.provider ?? null;
  }
  return params;
}
