import type { ModelConfig } from "../../configs/schema";
import type { ProviderResult, TaskRecord, TaskState } from "../types";
import type { KieFamilyAdapter } from "./adapter";
import {
  asRecord,
  asTaskId,
  badResponse,
  createdTaskId,
  dateOrNull,
  numberOrNull,
  textOrNull,
  urlList,
  withoutUrls,
} from "./fields";
import { failure } from "./http";
import { JOBS_INPUT_BUILDERS } from "./jobs-inputs";

/** The unified market API: `/api/v1/jobs/createTask` and `/api/v1/jobs/recordInfo`. */
export const jobsAdapter: KieFamilyAdapter = {
  async submit(call, input) {
    const kieModel = kieModelFor(input.model, input.referenceImageUrls);
    const build = JOBS_INPUT_BUILDERS[kieModel];
    if (!build) {
      return {
        ok: false,
        error: failure("invalid_request", `no request shape is known for KieAI model ${kieModel}`),
      };
    }
    const body = build(input);
    const created = await call("POST", "/api/v1/jobs/createTask", {
      model: kieModel,
      callBackUrl: input.callbackUrl,
      input: body,
    });
    return created.ok ? createdTaskId(created.value, kieModel, withoutUrls(body)) : created;
  },

  async recordInfo(call, taskId) {
    const answer = await call(
      "GET",
      `/api/v1/jobs/recordInfo?taskId=${encodeURIComponent(taskId)}`,
    );
    return answer.ok ? readJobsRecord(answer.value) : answer;
  },
};

/** Reference images switch to the model's edit (image) or image-to-video variant. */
export function kieModelFor(model: ModelConfig, referenceImageUrls: string[]): string {
  if (referenceImageUrls.length === 0) return model.providerModelId;
  return model.editProviderModelId ?? model.imageToVideoProviderModelId ?? model.providerModelId;
}

const STATES: Record<string, TaskState> = {
  waiting: "queued",
  queuing: "queued",
  generating: "running",
  success: "succeeded",
  fail: "failed",
};

export function readJobsRecord(data: unknown): ProviderResult<TaskRecord> {
  const record = asRecord(data);
  const taskId = asTaskId(record?.taskId);
  const state = typeof record?.state === "string" ? STATES[record.state] : undefined;
  if (!record || !taskId || !state) {
    return badResponse("KieAI recordInfo answered without a taskId or a known state");
  }
  let resultUrls: string[] = [];
  if (state === "succeeded") {
    const urls = resultUrlsFrom(record.resultJson);
    if (!urls) return badResponse(`KieAI task ${taskId} succeeded without a readable resultJson`);
    resultUrls = urls;
  }
  const progress = numberOrNull(record.progress);
  return {
    ok: true,
    value: {
      taskId,
      state,
      resultUrls,
      progress: progress !== null && progress >= 0 && progress <= 100 ? progress : null,
      posterUrl: null,
      failCode: textOrNull(record.failCode),
      failMessage: textOrNull(record.failMsg),
      // Not in the documented fields; read when an answer carries it.
      costCredits: numberOrNull(record.creditsConsumed ?? record.consumeCredits),
      completedAt: dateOrNull(record.completeTime),
    },
  };
}

// resultJson is a JSON *string*: '{"resultUrls":["https://…"]}'. Sora adds resultWaterMarkUrls,
// the same clips with the watermark; we keep the clean ones.
function resultUrlsFrom(resultJson: unknown): string[] | null {
  if (typeof resultJson !== "string") return null;
  try {
    return urlList(asRecord(JSON.parse(resultJson))?.resultUrls);
  } catch {
    return null;
  }
}
