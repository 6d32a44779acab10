// What KieAI's createTask accepts for each market model it serves through the unified jobs API:
// the image models, and the Sora 2 and Kling 2.6 video models (docs.kie.ai market pages).

export interface JobsRule {
  /** The field giving the shape and its values, the default first; absent: no such field. */
  ratio?: {
    field: string;
    values: readonly string[];
    /** "W:H" of a value that is a name (seedream's sizes, sora's orientations). */
    named?: Record<string, string>;
  };
  images?: { field: string; required: boolean; max: number };
  enums?: Record<string, readonly string[]>;
  booleans?: readonly string[];
  /** Fields a sibling model takes that this one refuses (plain sora-2 has no `size`). */
  refuses?: readonly string[];
  count?: { field: string; max: number };
  /** Video models make exactly one MP4. */
  media?: "video";
}

const NANO_RATIOS = [
  "1:1",
  "9:16",
  "16:9",
  "3:4",
  "4:3",
  "3:2",
  "2:3",
  "5:4",
  "4:5",
  "21:9",
  "auto",
];
const SEEDREAM_SIZES: Record<string, string> = {
  square: "1:1",
  square_hd: "1:1",
  portrait_4_3: "3:4",
  portrait_3_2: "2:3",
  portrait_16_9: "9:16",
  landscape_4_3: "4:3",
  landscape_3_2: "3:2",
  landscape_16_9: "16:9",
  landscape_21_9: "21:9",
};
const FLUX_RATIOS = ["1:1", "4:3", "3:4", "16:9", "9:16", "3:2", "2:3", "auto"];

const SEEDREAM: JobsRule = {
  ratio: { field: "image_size", values: Object.keys(SEEDREAM_SIZES), named: SEEDREAM_SIZES },
  enums: { image_resolution: ["1K", "2K", "4K"] },
  count: { field: "max_images", max: 6 },
};

// Sora takes an orientation, not a ratio, and its frame count as a string.
const SORA: JobsRule = {
  ratio: {
    field: "aspect_ratio",
    values: ["landscape", "portrait"],
    named: { landscape: "16:9", portrait: "9:16" },
  },
  enums: { n_frames: ["10", "15"] },
  booleans: ["remove_watermark"],
  refuses: ["size"],
  media: "video",
};
const SORA_PRO: JobsRule = {
  ...SORA,
  enums: { n_frames: ["10", "15"], size: ["standard", "high"] },
  refuses: [],
};
const SORA_IMAGE = { field: "image_urls", required: true, max: 1 };

const KLING_VIDEO: JobsRule = {
  enums: { duration: ["5", "10"] },
  booleans: ["sound"],
  media: "video",
};

export const JOBS_RULES: Record<string, JobsRule> = {
  "google/nano-banana": {
    ratio: { field: "image_size", values: NANO_RATIOS },
    enums: { output_format: ["png", "jpeg"] },
  },
  "google/nano-banana-edit": {
    ratio: { field: "image_size", values: NANO_RATIOS },
    images: { field: "image_urls", required: true, max: 10 },
    enums: { output_format: ["png", "jpeg"] },
  },
  "nano-banana-pro": {
    ratio: { field: "aspect_ratio", values: NANO_RATIOS },
    images: { field: "image_input", required: false, max: 8 },
    enums: { resolution: ["1K", "2K", "4K"], output_format: ["png", "jpg"] },
  },
  "bytedance/seedream-v4-text-to-image": SEEDREAM,
  "bytedance/seedream-v4-edit": {
    ...SEEDREAM,
    images: { field: "image_urls", required: true, max: 10 },
  },
  "flux-2/pro-text-to-image": {
    ratio: { field: "aspect_ratio", values: FLUX_RATIOS },
    enums: { resolution: ["1K", "2K"] },
  },
  "flux-2/pro-image-to-image": {
    ratio: { field: "aspect_ratio", values: FLUX_RATIOS },
    images: { field: "input_urls", required: true, max: 8 },
    enums: { resolution: ["1K", "2K"] },
  },
  "z-image": { ratio: { field: "aspect_ratio", values: ["1:1", "4:3", "3:4", "16:9", "9:16"] } },
  "sora-2-text-to-video": SORA,
  "sora-2-image-to-video": { ...SORA, images: SORA_IMAGE },
  "sora-2-pro-text-to-video": SORA_PRO,
  "sora-2-pro-image-to-video": { ...SORA_PRO, images: SORA_IMAGE },
  "kling-2.6/text-to-video": {
    ...KLING_VIDEO,
    ratio: { field: "aspect_ratio", values: ["16:9", "1:1", "9:16"] },
  },
  // The video takes the shape of its image.
  "kling-2.6/image-to-video": {
    ...KLING_VIDEO,
    images: { field: "image_urls", required: true, max: 1 },
    refuses: ["aspect_ratio"],
  },
};
