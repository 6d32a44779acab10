import type { z } from "@hono/zod-openapi";
import { isUuid } from "../lib/ids";
import type { GenerationRow } from "./lifecycle";
import type { GenerationWithMedia } from "./queries";
import type { GenerationRequest } from "./request-schema";
import type { GenerationSchema } from "./schemas";

type GenerationView = z.infer<typeof GenerationSchema>;

/** SPEC §4.1 `Generation`: shaped field by field, never a row as is. */
export function generationView({ row, images, videos }: GenerationWithMedia): GenerationView {
  const progress = row.metadata.progress;
  return {
    uuid: row.uuid,
    type: row.type as GenerationView["type"],
    model: row.modelId,
    status: row.status as GenerationView["status"],
    prompt: row.prompt,
    count: row.count,
    successCount: row.successCount,
    creditsCost: row.creditsCost,
    progress: row.status === "succeeded" ? 100 : typeof progress === "number" ? progress : null,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    visibility: row.visibilityLevel as GenerationView["visibility"],
    createdAt: row.createdAt.toISOString(),
    completedAt: row.completedAt?.toISOString() ?? null,
    images: images.map((image) => ({
      uuid: image.uuid,
      index: image.imageIndex,
      url: image.imageUrl,
      visibility: image.visibilityLevel as GenerationView["visibility"],
      width: image.width,
      height: image.height,
    })),
    videos: videos.map((video) => ({
      uuid: video.uuid,
      quality: video.quality,
      url: video.videoUrl,
      posterUrl: video.posterUrl,
      durationSeconds: video.durationSeconds,
      ratio: video.ratio,
      resolution: video.resolution,
      visibility: video.visibilityLevel as GenerationView["visibility"],
    })),
  };
}

export const statusUrlOf = (uuid: string) => `/api/generations/${uuid}`;

/**
 * A body for POST /api/generations that makes the same thing again. Someone else's private
 * images used as references are left out: they could not use them.
 */
export function reuseRequest(row: GenerationRow, ownedByViewer: boolean): GenerationRequest {
  const references = row.referenceImages.filter((ref) => ownedByViewer || !isUuid(ref));
  const request: GenerationRequest = {
    type: row.type as GenerationRequest["type"],
    model: row.modelId,
    prompt: row.prompt,
    count: row.count,
  };
  if (row.aspectRatio) request.aspectRatio = row.aspectRatio;
  if (row.style) request.style = row.style;
  if (row.scene) request.scene = row.scene;
  if (row.outfit) request.outfit = row.outfit;
  if (row.action) request.action = row.action;
  if (row.cameraMotion) request.cameraMotion = row.cameraMotion;
  if (references.length > 0) request.referenceImages = references;
  if (row.type === "video") {
    const video = (row.metadata.video ?? {}) as Record<string, unknown>;
    if (typeof video.durationSeconds === "number") request.duration = video.durationSeconds;
    if (typeof video.quality === "string") request.quality = video.quality;
    // A mode only means something with the references it applies to.
    if (video.imageMode === "reference" && references.length > 0) request.imageMode = "reference";
  }
  return request;
}
