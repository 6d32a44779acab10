import type { SubmitTaskInput, VideoTaskOptions } from "../types";
import type { JobsInputBuilder } from "./jobs-inputs";

/**
 * `input` objects of the video models on the unified jobs API (docs.kie.ai/market/sora2/…,
 * …/kling/…). Durations travel as strings there ("10", not 10).
 */

// Sora names orientations, not ratios.
const SORA_ORIENTATION: Record<string, string> = { "9:16": "portrait", "16:9": "landscape" };

function videoOf(input: SubmitTaskInput): VideoTaskOptions {
  if (!input.video)
    throw new Error(`${input.model.id} is a video model: video options are required`);
  return input.video;
}

function sora(input: SubmitTaskInput): Record<string, unknown> {
  const video = videoOf(input);
  return {
    prompt: input.prompt,
    aspect_ratio: SORA_ORIENTATION[input.aspectRatio] ?? "landscape",
    n_frames: String(video.durationSeconds),
    remove_watermark: video.removeWatermark,
  };
}

const soraPro = (input: SubmitTaskInput) => ({ ...sora(input), size: videoOf(input).quality });

// Kling 2.6 can add generated audio, which KieAI prices higher; our price table is for silent
// clips, so sound stays off until plans price it.
function kling(input: SubmitTaskInput): Record<string, unknown> {
  return {
    prompt: input.prompt,
    aspect_ratio: input.aspectRatio,
    duration: String(videoOf(input).durationSeconds),
    sound: false,
  };
}

/** Image-to-video variants take the first reference as the opening frame. */
const withImage =
  (build: JobsInputBuilder, { keepRatio }: { keepRatio: boolean }): JobsInputBuilder =>
  (input) => {
    const { aspect_ratio, ...rest } = build(input);
    return {
      ...rest,
      ...(keepRatio ? { aspect_ratio } : {}),
      image_urls: input.referenceImageUrls.slice(0, 1),
    };
  };

export const JOBS_VIDEO_INPUT_BUILDERS: Record<string, JobsInputBuilder> = {
  "sora-2-text-to-video": sora,
  "sora-2-image-to-video": withImage(sora, { keepRatio: true }),
  "sora-2-pro-text-to-video": soraPro,
  "sora-2-pro-image-to-video": withImage(soraPro, { keepRatio: true }),
  "kling-2.6/text-to-video": kling,
  // The clip takes the image's own proportions.
  "kling-2.6/image-to-video": withImage(kling, { keepRatio: false }),
};
