// The KieAI stand-in's request checks for the Veo 3 and Runway generate endpoints. A refusal
// becomes KieAI's HTTP 200 + `{code: 422, msg}` answer, as on the other APIs.
import {
  asObject,
  checkBooleans,
  checkCallBackUrl,
  checkEnums,
  checkPrompt,
  checkStrings,
  checkUrls,
  isHttpUrl,
  type Json,
} from "./kie-standin-checks";
import type { CreateCheck, TaskSpec } from "./kie-standin-families";

const VEO_RATIOS = ["16:9", "9:16", "Auto"];
const VEO_TYPES = ["TEXT_2_VIDEO", "FIRST_AND_LAST_FRAMES_2_VIDEO", "REFERENCE_2_VIDEO"];
const RUNWAY_RATIOS = ["16:9", "9:16", "1:1", "4:3", "3:4"];

function videoSpec(request: Json, model: string, aspectRatio: string): TaskSpec {
  return {
    model,
    media: "video",
    prompt: request.prompt as string,
    count: 1,
    aspectRatio,
    callBackUrl: (request.callBackUrl as string | undefined) ?? null,
    param: request,
  };
}

/** How many frames each Veo generation type takes, and which models offer it. */
function checkVeoImages(request: Json): string | null {
  const images = request.imageUrls;
  const problem = checkUrls(images, "imageUrls", false, 3);
  if (problem) return problem;
  const count = Array.isArray(images) ? images.length : 0;
  const type =
    request.generationType ?? (count > 0 ? "FIRST_AND_LAST_FRAMES_2_VIDEO" : "TEXT_2_VIDEO");
  if (type === "TEXT_2_VIDEO" && count > 0) return "TEXT_2_VIDEO does not take imageUrls";
  if (type === "FIRST_AND_LAST_FRAMES_2_VIDEO" && (count < 1 || count > 2)) {
    return "FIRST_AND_LAST_FRAMES_2_VIDEO takes 1 or 2 imageUrls";
  }
  if (type === "REFERENCE_2_VIDEO") {
    if (request.model !== "veo3_fast") return "REFERENCE_2_VIDEO is only supported by veo3_fast";
    if (count < 1) return "REFERENCE_2_VIDEO takes 1 to 3 imageUrls";
  }
  return null;
}

function checkSeeds(value: unknown): string | null {
  if (value === undefined) return null;
  const ok = Number.isInteger(value) && (value as number) >= 10_000 && (value as number) <= 99_999;
  return ok ? null : "seeds must be an integer from 10000 to 99999";
}

/** POST /api/v1/veo/generate */
export function checkVeoCreate(body: unknown): CreateCheck {
  const request = asObject(body);
  if (!request) return { ok: false, msg: "the request body must be a JSON object" };
  if (!["veo3", "veo3_fast"].includes(request.model as string)) {
    return { ok: false, msg: "model must be veo3 or veo3_fast" };
  }
  const problem =
    checkPrompt(request.prompt) ??
    checkEnums(request, { aspect_ratio: VEO_RATIOS, generationType: VEO_TYPES }) ??
    checkVeoImages(request) ??
    checkCallBackUrl(request.callBackUrl) ??
    checkBooleans(request, ["enableTranslation"]) ??
    checkStrings(request, ["watermark"]) ??
    checkSeeds(request.seeds);
  if (problem) return { ok: false, msg: problem };
  // "Auto" takes the shape of the frames given; the stand-in has no frames to read, so 16:9.
  const ratio = (request.aspect_ratio as string | undefined) ?? "16:9";
  return {
    ok: true,
    spec: videoSpec(request, request.model as string, ratio === "Auto" ? "16:9" : ratio),
  };
}

/** POST /api/v1/runway/generate */
export function checkRunwayCreate(body: unknown): CreateCheck {
  const request = asObject(body);
  if (!request) return { ok: false, msg: "the request body must be a JSON object" };
  const { imageUrl, duration, quality, aspectRatio } = request;
  const hasImage = imageUrl !== undefined && imageUrl !== "";
  const problem =
    checkPrompt(request.prompt) ??
    (hasImage && !isHttpUrl(imageUrl) ? "imageUrl must be a URL" : null) ??
    (duration === 5 || duration === 10 ? null : "duration must be 5 or 10") ??
    (quality === "720p" || quality === "1080p" ? null : "quality must be 720p or 1080p") ??
    // Without an image there is nothing to take the shape from.
    (aspectRatio === undefined && !hasImage ? "aspectRatio is required without imageUrl" : null) ??
    checkEnums(request, { aspectRatio: RUNWAY_RATIOS }) ??
    (quality === "1080p" && duration === 10
      ? "1080p cannot be combined with a 10 s video"
      : null) ??
    checkStrings(request, ["waterMark"]) ??
    checkCallBackUrl(request.callBackUrl);
  if (problem) return { ok: false, msg: problem };
  return {
    ok: true,
    spec: videoSpec(request, "runway", (aspectRatio as string | undefined) ?? "16:9"),
  };
}
