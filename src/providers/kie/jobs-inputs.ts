import type { SubmitTaskInput } from "../types";
import { JOBS_VIDEO_INPUT_BUILDERS } from "./jobs-video-inputs";

/**
 * The `input` object of `POST /api/v1/jobs/createTask`, per KieAI model: every market model
 * names its fields differently (docs.kie.ai/market/…). Keyed by the KieAI model name, so an
 * edit variant (google/nano-banana-edit) has its own entry.
 */
export type JobsInputBuilder = (input: SubmitTaskInput) => Record<string, unknown>;

// Seedream v4 takes named sizes rather than ratios (square_hd, portrait_4_3, …).
const SEEDREAM_SIZES: Record<string, string> = {
  "1:1": "square_hd",
  "3:4": "portrait_4_3",
  "4:3": "landscape_4_3",
  "2:3": "portrait_3_2",
  "3:2": "landscape_3_2",
  "9:16": "portrait_16_9",
  "16:9": "landscape_16_9",
  "21:9": "landscape_21_9",
};

function seedream(input: SubmitTaskInput): Record<string, unknown> {
  // max_images only caps the set; KieAI asks for the wanted number in the prompt as well.
  const prompt =
    input.count > 1 ? `${input.prompt}\n\nGenerate ${input.count} separate images.` : input.prompt;
  return {
    prompt,
    image_size: SEEDREAM_SIZES[input.aspectRatio] ?? "square_hd",
    image_resolution: input.resolution ?? "1K",
    max_images: input.count,
  };
}

export const JOBS_INPUT_BUILDERS: Record<string, JobsInputBuilder> = {
  "google/nano-banana": (input) => ({
    prompt: input.prompt,
    output_format: "png",
    image_size: input.aspectRatio,
  }),
  "google/nano-banana-edit": (input) => ({
    prompt: input.prompt,
    image_urls: input.referenceImageUrls,
    output_format: "png",
    image_size: input.aspectRatio,
  }),
  // One model for both modes: references go in image_input (empty for text-to-image).
  "nano-banana-pro": (input) => ({
    prompt: input.prompt,
    image_input: input.referenceImageUrls,
    aspect_ratio: input.aspectRatio,
    resolution: input.resolution ?? "1K",
    output_format: "png",
  }),
  "bytedance/seedream-v4-text-to-image": seedream,
  "bytedance/seedream-v4-edit": (input) => ({
    ...seedream(input),
    image_urls: input.referenceImageUrls,
  }),
  "flux-2/pro-text-to-image": (input) => ({
    prompt: input.prompt,
    aspect_ratio: input.aspectRatio,
    resolution: input.resolution ?? "1K",
  }),
  "flux-2/pro-image-to-image": (input) => ({
    prompt: input.prompt,
    input_urls: input.referenceImageUrls,
    aspect_ratio: input.aspectRatio,
    resolution: input.resolution ?? "1K",
  }),
  "z-image": (input) => ({ prompt: input.prompt, aspect_ratio: input.aspectRatio }),
  ...JOBS_VIDEO_INPUT_BUILDERS,
};
