import type { Configs } from "../../../configs/load";
import { publicConfigs } from "../../../configs/public-view";
import type { Database } from "../../../db/client";
import { resolveGeneration } from "../../../generations/pricing";
import { visibleArtworkGeneration } from "../../../generations/queries";
import type { GenerationRequest } from "../../../generations/request-schema";
import { reuseRequest } from "../../../generations/views";
import type { Translate } from "../../../i18n/translate";
import { ApiError } from "../../../lib/errors";
import { isUuid } from "../../../lib/ids";

/** What the generator offers: the same localised view as GET /api/configs, without plans. */
export function creatorConfig(configs: Configs, t: Translate) {
  const { models, styles, scenes, outfits, actions, cameraMotions } = publicConfigs(configs, t);
  return { models, styles, scenes, outfits, actions, cameraMotions };
}

export type CreatorConfig = ReturnType<typeof creatorConfig>;
export type ModelView = CreatorConfig["models"][number];
export type PresetView = CreatorConfig["styles"][number];

/**
 * The request behind `?reuse=<type>:<uuid>`, through the same service as
 * GET /api/artworks/:type/:uuid/reuse; "unavailable" when it is malformed or not visible.
 */
export async function reusedRequest(
  db: Database,
  viewerId: string,
  raw: string | undefined,
): Promise<GenerationRequest | "unavailable" | null> {
  if (!raw) return null;
  const [type, uuid] = raw.split(":");
  if ((type !== "image" && type !== "video") || !isUuid(uuid)) return "unavailable";
  try {
    const found = await visibleArtworkGeneration(db, { viewerId, type, uuid });
    return reuseRequest(found.generation, found.ownedByViewer);
  } catch (error) {
    if (error instanceof ApiError && error.code === "NOT_FOUND") return "unavailable";
    throw error;
  }
}

/** The form's starting values: a reused request where the model still offers them, else defaults. */
export interface Selection {
  type: "image" | "video";
  model: ModelView;
  prompt: string;
  count: number;
  aspectRatio: string;
  duration: number | null;
  quality: string | null;
  style: string | null;
  scene: string | null;
  outfit: string | null;
  action: string | null;
  cameraMotion: string | null;
  visibility: "private" | "public";
  referenceImages: string[];
  imageMode: "frames" | "reference" | null;
}

export function selectionOf(config: CreatorConfig, request: GenerationRequest | null): Selection {
  const type = request?.type ?? "image";
  const model =
    config.models.find((m) => m.id === request?.model && m.type === type) ??
    config.models.find((m) => m.type === type) ??
    (config.models[0] as ModelView);
  const pick = <T>(value: T | undefined, allowed: readonly T[], fallback: T) =>
    value !== undefined && allowed.includes(value) ? value : fallback;
  const preset = (value: string | undefined, list: PresetView[]) =>
    list.some((p) => p.id === value && (!p.appliesTo || p.appliesTo.includes(model.type)))
      ? (value as string)
      : null;
  const video = model.video;
  return {
    type: model.type,
    model,
    prompt: request?.prompt ?? "",
    count: pick(request?.count, model.allowedCounts, model.allowedCounts[0] ?? 1),
    aspectRatio: pick(request?.aspectRatio, model.aspectRatios, model.defaultAspectRatio),
    duration: video ? pick(request?.duration, video.durations, video.defaultDuration) : null,
    quality: video ? pick(request?.quality, video.qualities, video.defaultQuality) : null,
    style: preset(request?.style, config.styles),
    scene: preset(request?.scene, config.scenes),
    outfit: preset(request?.outfit, config.outfits),
    action: preset(request?.action, config.actions),
    cameraMotion: video?.cameraMotions ? preset(request?.cameraMotion, config.cameraMotions) : null,
    visibility: request?.visibility ?? "private",
    referenceImages: request?.referenceImages ?? [],
    imageMode: request?.imageMode ?? null,
  };
}

/**
 * The price of the starting values, by the same rule as POST /api/generations/quote; null when
 * the model refuses them (the page script asks the API again on every change anyway).
 */
export function initialQuote(configs: Configs, selection: Selection): number | null {
  try {
    return resolveGeneration(
      {
        type: selection.type,
        model: selection.model.id,
        // The price never depends on the prompt; a stand-in keeps an empty form priceable.
        prompt: selection.prompt || "-",
        count: selection.count,
        aspectRatio: selection.aspectRatio,
        ...(selection.duration !== null ? { duration: selection.duration } : {}),
        ...(selection.quality !== null ? { quality: selection.quality } : {}),
      },
      configs,
    ).credits;
  } catch {
    return null;
  }
}
