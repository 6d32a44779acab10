import type { ModelConfig } from "../../configs/schema";
import type { NormalisedVideoParams } from "../types";

// Sora says portrait/landscape; other providers have said vertical/horizontal.
const RATIO_WORDS: Record<string, string> = {
  portrait: "9:16",
  vertical: "9:16",
  landscape: "16:9",
  horizontal: "16:9",
};

export function normaliseRatio(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const text = value.trim().toLowerCase();
  if (/^\d+:\d+$/.test(text)) return text;
  return RATIO_WORDS[text] ?? null;
}

function seconds(value: unknown): number | null {
  const number = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  return typeof number === "number" && Number.isInteger(number) && number > 0 ? number : null;
}

/**
 * Reads the parameters a KieAI video family received (the request as sent) into our columns:
 * duration from Sora's `n_frames` or Kling/Runway's `duration`; ratio from `aspect_ratio` or
 * `aspectRatio`; quality from Sora Pro's `size` or Runway's `quality`; the model's config gives
 * what a family does not send (Veo's fixed 8 s, its quality) and the resolution of a quality.
 */
export function normaliseVideoParams(
  model: ModelConfig,
  params: Record<string, unknown>,
): NormalisedVideoParams {
  const video = model.video;
  const quality =
    (typeof params.size === "string" ? params.size : null) ??
    (typeof params.quality === "string" ? params.quality : null) ??
    video?.defaultQuality ??
    null;
  return {
    durationSeconds:
      seconds(params.n_frames) ?? seconds(params.duration) ?? video?.defaultDuration ?? null,
    ratio: normaliseRatio(params.aspect_ratio ?? params.aspectRatio),
    quality,
    resolution: (quality && video?.resolutions[quality]) || null,
  };
}
