import type { ProviderResult, TaskRecord, TaskState } from "../types";
import { perModelApiAdapter } from "./adapter";
import {
  asRecord,
  asTaskId,
  badResponse,
  dateOrNull,
  numberOrNull,
  textOrNull,
  urlList,
} from "./fields";

/** The 4o Image API: `/api/v1/gpt4o-image/generate` and `/api/v1/gpt4o-image/record-info`. */
export const gpt4oAdapter = perModelApiAdapter({
  generatePath: "/api/v1/gpt4o-image/generate",
  recordPath: "/api/v1/gpt4o-image/record-info",
  request: (input) => ({
    prompt: input.prompt,
    size: input.aspectRatio,
    nVariants: input.count,
    callBackUrl: input.callbackUrl,
    ...(input.referenceImageUrls.length > 0 ? { filesUrl: input.referenceImageUrls } : {}),
  }),
  read: (data) => readGpt4oRecord(data),
});

// successFlag: 0 generating, 1 success, 2 failed; `status` says the same in words.
const FLAG_STATES: Record<number, TaskState> = { 0: "running", 1: "succeeded", 2: "failed" };
const STATUS_STATES: Record<string, TaskState> = {
  GENERATING: "running",
  SUCCESS: "succeeded",
  CREATE_TASK_FAILED: "failed",
  GENERATE_FAILED: "failed",
};

export function readGpt4oRecord(data: unknown): ProviderResult<TaskRecord> {
  const record = asRecord(data);
  const taskId = asTaskId(record?.taskId);
  const flag = numberOrNull(record?.successFlag);
  const state =
    (flag === null ? undefined : FLAG_STATES[flag]) ??
    (typeof record?.status === "string" ? STATUS_STATES[record.status] : undefined);
  if (!record || !taskId || !state) {
    return badResponse("KieAI 4o record-info answered without a taskId or a known successFlag");
  }
  let resultUrls: string[] = [];
  if (state === "succeeded") {
    const urls = urlList(asRecord(record.response)?.resultUrls);
    if (!urls) return badResponse(`KieAI 4o task ${taskId} succeeded without resultUrls`);
    resultUrls = urls;
  }
  // Progress is a string fraction: "0.50".
  const fraction = numberOrNull(record.progress);
  return {
    ok: true,
    value: {
      taskId,
      state,
      resultUrls,
      progress:
        fraction !== null && fraction >= 0 && fraction <= 1 ? Math.round(fraction * 100) : null,
      posterUrl: null,
      failCode: textOrNull(record.errorCode),
      failMessage: textOrNull(record.errorMessage),
      costCredits: null,
      completedAt: dateOrNull(record.completeTime),
    },
  };
}
