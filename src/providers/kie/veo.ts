import type { ProviderResult, SubmitTaskInput, TaskRecord, TaskState } from "../types";
import { perModelApiAdapter } from "./adapter";
import {
  asRecord,
  asTaskId,
  badResponse,
  kieDateOrNull,
  numberOrNull,
  textOrNull,
  urlList,
} from "./fields";

/** Veo 3.1: `/api/v1/veo/generate` and `/api/v1/veo/record-info` (docs.kie.ai/veo3-api). */
export const veoAdapter = perModelApiAdapter({
  generatePath: "/api/v1/veo/generate",
  recordPath: "/api/v1/veo/record-info",
  request: (input) => veoRequest(input),
  read: (data) => readVeoRecord(data),
});

/**
 * No images: text to video. Images: first (and last) frames, or — Veo 3.1 Fast only —
 * material references; resolveGeneration has checked which the model allows.
 */
export function veoGenerationType(input: SubmitTaskInput): string {
  if (input.referenceImageUrls.length === 0) return "TEXT_2_VIDEO";
  return input.video?.imageMode === "reference"
    ? "REFERENCE_2_VIDEO"
    : "FIRST_AND_LAST_FRAMES_2_VIDEO";
}

function veoRequest(input: SubmitTaskInput): Record<string, unknown> {
  return {
    prompt: input.prompt,
    model: input.model.providerModelId,
    aspect_ratio: input.aspectRatio,
    generationType: veoGenerationType(input),
    ...(input.referenceImageUrls.length > 0 ? { imageUrls: input.referenceImageUrls } : {}),
    callBackUrl: input.callbackUrl,
    // Prompts come in the creator's language; Veo understands English best.
    enableTranslation: true,
  };
}

// successFlag: 0 generating, 1 success, 2 failed, 3 created but generation failed.
const FLAG_STATES: Record<number, TaskState> = {
  0: "running",
  1: "succeeded",
  2: "failed",
  3: "failed",
};

export function readVeoRecord(data: unknown): ProviderResult<TaskRecord> {
  const record = asRecord(data);
  const taskId = asTaskId(record?.taskId);
  const flag = numberOrNull(record?.successFlag);
  const state = flag === null ? undefined : FLAG_STATES[flag];
  if (!record || !taskId || !state) {
    return badResponse("KieAI Veo record-info answered without a taskId or a known successFlag");
  }
  let resultUrls: string[] = [];
  if (state === "succeeded") {
    const urls = urlList(asRecord(record.response)?.resultUrls);
    if (!urls) return badResponse(`KieAI Veo task ${taskId} succeeded without resultUrls`);
    resultUrls = urls;
  }
  return {
    ok: true,
    value: {
      taskId,
      state,
      resultUrls,
      posterUrl: null,
      progress: null,
      failCode: textOrNull(record.errorCode),
      failMessage: textOrNull(record.errorMessage),
      costCredits: null,
      completedAt: kieDateOrNull(record.completeTime),
    },
  };
}
