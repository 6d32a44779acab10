import type { Configs } from "../configs/load";
import type { ModelConfig, PresetConfig } from "../configs/schema";
import { ApiError } from "../lib/errors";
import { isUuid } from "../lib/ids";
import type { GenerationRequest } from "./request-schema";

export interface ResolvedGeneration {
  model: ModelConfig;
  count: number;
  aspectRatio: string;
  duration: number | null;
  quality: string | null;
  imageMode: "frames" | "reference";
  credits: number;
}

/** A first and a last frame. */
const FRAME_IMAGES = 2;

interface Issue {
  path: string;
  code: string;
  message: string;
}

/**
 * Checks a generation request against its model's limits in configs/models.json and prices it.
 * Every problem is reported at once (400 VALIDATION_FAILED, one issue per field).
 */
export function resolveGeneration(
  request: GenerationRequest,
  configs: Configs,
): ResolvedGeneration {
  const issues: Issue[] = [];
  const fail = (path: string, message: string, code = "invalid_value") =>
    issues.push({ path, code, message });

  const model = configs.models.find((m) => m.id === request.model && m.status !== "disabled");
  if (!model) throw ApiError.validation("model", `unknown model "${request.model}"`);
  if (model.type !== request.type) {
    throw ApiError.validation(
      "model",
      `"${model.id}" is an ${model.type} model, not ${request.type}`,
    );
  }

  const promptLength = [...request.prompt].length;
  if (promptLength < model.prompt.minLength || promptLength > model.prompt.maxLength) {
    fail(
      "prompt",
      `must be ${model.prompt.minLength}-${model.prompt.maxLength} characters for ${model.id}`,
      "too_big",
    );
  }

  const count = request.count ?? 1;
  const allowedCounts =
    model.allowedCounts ?? Array.from({ length: model.maxCount }, (_, i) => i + 1);
  if (!allowedCounts.includes(count))
    fail("count", `must be one of ${allowedCounts.join(", ")} for ${model.id}`);

  const aspectRatio = request.aspectRatio ?? model.defaultAspectRatio;
  if (!model.aspectRatios.includes(aspectRatio)) {
    fail("aspectRatio", `must be one of ${model.aspectRatios.join(", ")} for ${model.id}`);
  }

  const presetChecks: [keyof GenerationRequest & string, PresetConfig[]][] = [
    ["style", configs.styles],
    ["scene", configs.scenes],
    ["outfit", configs.outfits],
    ["action", configs.actions],
  ];
  for (const [field, presets] of presetChecks) {
    const value = request[field];
    if (value === undefined) continue;
    const preset = presets.find((p) => p.id === value);
    if (!preset) fail(field, `unknown ${field} "${value}"`);
    else if (!preset.appliesTo.includes(model.type))
      fail(field, `"${value}" is not available for ${model.type}`);
  }
  if (request.cameraMotion !== undefined) {
    if (!model.video?.cameraMotions)
      fail("cameraMotion", `${model.id} does not take a camera motion`);
    else if (!configs.cameraMotions.some((m) => m.id === request.cameraMotion)) {
      fail("cameraMotion", `unknown camera motion "${request.cameraMotion}"`);
    }
  }

  const references = request.referenceImages ?? [];
  if (references.length > model.referenceImages.max) {
    fail(
      "referenceImages",
      `at most ${model.referenceImages.max} reference images for ${model.id}`,
      "too_big",
    );
  }
  if (model.referenceImages.required && references.length === 0) {
    fail("referenceImages", `${model.id} needs a reference image`, "too_small");
  }
  references.forEach((ref, i) => {
    if (!isUuid(ref) && !isHttpsUrl(ref))
      fail(`referenceImages.${i}`, "must be an https URL or an image uuid");
  });

  let duration: number | null = null;
  let quality: string | null = null;
  let credits = 0;
  const imageMode = request.imageMode ?? "frames";
  if (request.imageMode !== undefined) {
    const modes = model.video?.imageModes ?? [];
    if (!modes.includes(request.imageMode)) {
      fail(
        "imageMode",
        modes.length > 0
          ? `must be one of ${modes.join(", ")} for ${model.id}`
          : `${model.id} does not take an image mode`,
      );
    } else if (references.length === 0) {
      fail("imageMode", "needs reference images", "too_small");
    }
  }
  if (model.video?.imageModes && imageMode === "frames" && references.length > FRAME_IMAGES) {
    // First and last frame: a third image has no place.
    fail(
      "referenceImages",
      `at most ${FRAME_IMAGES} frames for ${model.id} (imageMode "reference" takes more)`,
      "too_big",
    );
  }
  if (model.credits.kind === "per_image") {
    if (request.duration !== undefined) fail("duration", "only video models take a duration");
    if (request.quality !== undefined) fail("quality", "only video models take a quality");
    credits = model.credits.credits * count;
  } else if (model.video) {
    duration = request.duration ?? model.video.defaultDuration;
    quality = request.quality ?? model.video.defaultQuality;
    const row = model.credits.table.find((r) => r.duration === duration && r.quality === quality);
    if (!model.video.durations.includes(duration)) {
      fail(
        "duration",
        `must be one of ${model.video.durations.join(", ")} seconds for ${model.id}`,
      );
    } else if (!model.video.qualities.includes(quality)) {
      fail("quality", `must be one of ${model.video.qualities.join(", ")} for ${model.id}`);
    } else if (!row) {
      fail("quality", `${quality} is not offered at ${duration} s for ${model.id}`);
    }
    credits = (row?.credits ?? 0) * count;
  }

  if (issues.length > 0) throw new ApiError("VALIDATION_FAILED", { details: { issues } });
  return { model, count, aspectRatio, duration, quality, imageMode, credits };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === "https:";
  } catch {
    return false;
  }
}
