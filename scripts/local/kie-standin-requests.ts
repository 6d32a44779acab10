// The KieAI stand-in's request checks: what KieAI accepts on createTask (per market model) and
// on the 4o generate endpoint. A refusal becomes KieAI's HTTP 200 + `{code: 422, msg}` answer.
import type { CreateCheck } from "./kie-standin-families";

type Json = Record<string, unknown>;

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

interface JobsRule {
  ratioField: string;
  ratios: readonly string[];
  images?: { field: string; required: boolean; max: number };
  enums?: Record<string, readonly string[]>;
  count?: { field: string; max: number };
}

const SEEDREAM: JobsRule = {
  ratioField: "image_size",
  ratios: Object.keys(SEEDREAM_SIZES),
  enums: { image_resolution: ["1K", "2K", "4K"] },
  count: { field: "max_images", max: 6 },
};

const JOBS_RULES: Record<string, JobsRule> = {
  "google/nano-banana": {
    ratioField: "image_size",
    ratios: NANO_RATIOS,
    enums: { output_format: ["png", "jpeg"] },
  },
  "google/nano-banana-edit": {
    ratioField: "image_size",
    ratios: NANO_RATIOS,
    images: { field: "image_urls", required: true, max: 10 },
    enums: { output_format: ["png", "jpeg"] },
  },
  "nano-banana-pro": {
    ratioField: "aspect_ratio",
    ratios: NANO_RATIOS,
    images: { field: "image_input", required: false, max: 8 },
    enums: { resolution: ["1K", "2K", "4K"], output_format: ["png", "jpg"] },
  },
  "bytedance/seedream-v4-text-to-image": SEEDREAM,
  "bytedance/seedream-v4-edit": {
    ...SEEDREAM,
    images: { field: "image_urls", required: true, max: 10 },
  },
  "flux-2/pro-text-to-image": {
    ratioField: "aspect_ratio",
    ratios: FLUX_RATIOS,
    enums: { resolution: ["1K", "2K"] },
  },
  "flux-2/pro-image-to-image": {
    ratioField: "aspect_ratio",
    ratios: FLUX_RATIOS,
    images: { field: "input_urls", required: true, max: 8 },
    enums: { resolution: ["1K", "2K"] },
  },
  "z-image": { ratioField: "aspect_ratio", ratios: ["1:1", "4:3", "3:4", "16:9", "9:16"] },
};

function asObject(value: unknown): Json | null {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Json)
    : null;
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    return ["http:", "https:"].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function checkUrls(value: unknown, field: string, required: boolean, max: number): string | null {
  if (value === undefined && !required) return null;
  if (!Array.isArray(value) || !value.every(isHttpUrl)) return `${field} must be a list of URLs`;
  if (required && value.length === 0) return `${field} is required`;
  if (value.length > max) return `${field} takes at most ${max} images`;
  return null;
}

function checkEnums(input: Json, enums: Record<string, readonly string[]>): string | null {
  for (const [field, values] of Object.entries(enums)) {
    const value = input[field];
    if (value !== undefined && !values.includes(value as string))
      return `${field} is not supported`;
  }
  return null;
}

function checkCallBackUrl(value: unknown): string | null {
  return value === undefined || isHttpUrl(value) ? null : "callBackUrl must be a URL";
}

export function checkJobsCreate(body: unknown): CreateCheck {
  const request = asObject(body);
  const model = request?.model;
  if (!request || typeof model !== "string") return { ok: false, msg: "model is required" };
  const rule = JOBS_RULES[model];
  if (!rule) return { ok: false, msg: `model ${model} is not supported` };
  const input = asObject(request.input);
  if (!input) return { ok: false, msg: "input is required" };
  const prompt = input.prompt;
  if (typeof prompt !== "string" || prompt.trim() === "") {
    return { ok: false, msg: "prompt is required" };
  }
  if (prompt.length > 20_000) return { ok: false, msg: "prompt is too long" };
  const ratio = input[rule.ratioField] ?? rule.ratios[0];
  if (typeof ratio !== "string" || !rule.ratios.includes(ratio)) {
    return { ok: false, msg: `${rule.ratioField} is not supported` };
  }
  const problem =
    checkCallBackUrl(request.callBackUrl) ??
    (rule.images
      ? checkUrls(
          input[rule.images.field],
          rule.images.field,
          rule.images.required,
          rule.images.max,
        )
      : null) ??
    checkEnums(input, rule.enums ?? {});
  if (problem) return { ok: false, msg: problem };
  let count = 1;
  if (rule.count) {
    const value = input[rule.count.field] ?? 1;
    if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > rule.count.max) {
      return { ok: false, msg: `${rule.count.field} must be 1 to ${rule.count.max}` };
    }
    count = value as number;
  }
  return {
    ok: true,
    spec: {
      model,
      prompt,
      count,
      aspectRatio: SEEDREAM_SIZES[ratio] ?? ratio,
      callBackUrl: (request.callBackUrl as string | undefined) ?? null,
      param: request,
    },
  };
}

export function checkGpt4oCreate(body: unknown): CreateCheck {
  const request = asObject(body);
  if (!request) return { ok: false, msg: "the request body must be a JSON object" };
  const { prompt, size, filesUrl } = request;
  const nVariants = request.nVariants ?? 1;
  const hasFiles = Array.isArray(filesUrl) && filesUrl.length > 0;
  if ((typeof prompt !== "string" || prompt.trim() === "") && !hasFiles) {
    return { ok: false, msg: "prompt or filesUrl is required" };
  }
  if (typeof size !== "string" || !["1:1", "3:2", "2:3"].includes(size)) {
    return { ok: false, msg: "size must be one of 1:1, 3:2, 2:3" };
  }
  if (![1, 2, 4].includes(nVariants as number)) {
    return { ok: false, msg: "nVariants must be 1, 2 or 4" };
  }
  const problem =
    checkCallBackUrl(request.callBackUrl) ?? checkUrls(filesUrl, "filesUrl", false, 5);
  if (problem) return { ok: false, msg: problem };
  return {
    ok: true,
    spec: {
      model: "gpt-4o-image",
      prompt: typeof prompt === "string" ? prompt : "",
      count: nVariants as number,
      aspectRatio: size,
      callBackUrl: (request.callBackUrl as string | undefined) ?? null,
      param: request,
    },
  };
}

/** `data` of GET /api/v1/jobs/recordInfo; a jobs callback carries the same object. */
