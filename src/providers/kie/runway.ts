import type { ProviderResult, SubmitTaskInput, TaskRecord, TaskState } from "../types";
import { perModelApiAdapter } from "./adapter";
import { asRecord, asTaskId, badResponse, kieDateOrNull, textOrNull } from "./fields";

/** Runway: `/api/v1/runway/generate` and `/api/v1/runway/record-detail` (docs.kie.ai/runway-api). */
export const runwayAdapter = perModelApiAdapter({
  generatePath: "/api/v1/runway/generate",
  recordPath: "/api/v1/runway/record-detail",
  request: (input) => runwayRequest(input),
  read: (data) => readRunwayRecord(data),
});

function runwayRequest(input: SubmitTaskInput): Record<string, unknown> {
  if (!input.video)
    throw new Error(`${input.model.id} is a video model: video options are required`);
  const [imageUrl] = input.referenceImageUrls;
  return {
    prompt: input.prompt,
    duration: input.video.durationSeconds,
    quality: input.video.quality,
    aspectRatio: input.aspectRatio,
    ...(imageUrl ? { imageUrl } : {}),
    // Runway's waterMark is a text to overlay; empty means none.
    waterMark: "",
    callBackUrl: input.callbackUrl,
  };
}

const STATES: Record<string, TaskState> = {
  wait: "queued",
  queueing: "queued",
  generating: "running",
  success: "succeeded",
  fail: "failed",
};

export function readRunwayRecord(data: unknown): ProviderResult<TaskRecord> {
  const record = asRecord(data);
  const taskId = asTaskId(record?.taskId);
  const state = typeof record?.state === "string" ? STATES[record.state] : undefined;
  if (!record || !taskId || !state) {
    return badResponse("KieAI Runway record-detail answered without a taskId or a known state");
  }
  const video = asRecord(record.videoInfo);
  const videoUrl = state === "succeeded" ? textOrNull(video?.videoUrl) : null;
  return {
    ok: true,
    value: {
      taskId,
      state,
      // A success without a video URL is a success with nothing to keep: it counts as missing.
      resultUrls: videoUrl ? [videoUrl] : [],
      posterUrl: state === "succeeded" ? textOrNull(video?.imageUrl) : null,
      progress: null,
      failCode: textOrNull(record.failCode),
      failMessage: textOrNull(record.failMsg),
      costCredits: null,
      completedAt: state === "succeeded" ? kieDateOrNull(record.generateTime) : null,
    },
  };
}
