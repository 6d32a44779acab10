// What the KieAI stand-in says for each API family: the exact shapes of its record-info answers
// and its callbacks (docs.kie.ai, SPEC §5.6).

export type StandInFamily = "jobs" | "gpt4o-image" | "veo" | "runway";
export type TaskPhase = "waiting" | "generating" | "success" | "fail";

export interface TaskSpec {
  /** KieAI's model name; "gpt-4o-image" for the 4o family. */
  model: string;
  /** What the results are: PNGs or (exactly one) MP4. */
  media: "image" | "video";
  prompt: string;
  count: number;
  /** "W:H", sizing the result images and the video poster. */
  aspectRatio: string;
  callBackUrl: string | null;
  /** The create request as sent (KieAI echoes it back as `param` / `paramJson`). */
  param: Record<string, unknown>;
}

export interface TaskView {
  taskId: string;
  spec: TaskSpec;
  phase: TaskPhase;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  /** 0..1 of the way to completion. */
  progress: number;
  resultUrls: string[];
  /** True when a test replaced them (POST /_control/tasks/<id>/results). */
  resultUrlsReplaced: boolean;
  /** Runway's poster image of the video; null when a test removed it. */
  posterUrl: string | null;
}

export type CreateCheck = { ok: true; spec: TaskSpec } | { ok: false; msg: string };

export const FAIL_CODE = "400";
export const FAIL_MESSAGE =
  "Your prompt was flagged as violating content policies ([fail] control)";

type Json = Record<string, unknown>;

/**
 * A second list of the same results (sora's watermarked copies, veo's originals): the same files
 * under a query naming the copy, so a client reading the wrong list is caught. URLs a test set
 * are repeated as they are, so every list leads to the file under test.
 */
export function copyUrls(task: TaskView, copy: string): string[] {
  if (task.resultUrlsReplaced) return task.resultUrls;
  return task.resultUrls.map((url) => `${url}?copy=${copy}`);
}

function jobsResultJson(task: TaskView): string {
  if (task.phase !== "success") return "";
  // Sora answers the watermarked copies beside the clean ones.
  const sora = task.spec.model.startsWith("sora-2");
  return JSON.stringify({
    resultUrls: task.resultUrls,
    ...(sora ? { resultWaterMarkUrls: copyUrls(task, "watermark") } : {}),
  });
}

export function jobsRecord(task: TaskView): Json {
  const done = task.completedAt !== null;
  return {
    taskId: task.taskId,
    model: task.spec.model,
    state: task.phase,
    param: JSON.stringify(task.spec.param),
    resultJson: jobsResultJson(task),
    failCode: task.phase === "fail" ? FAIL_CODE : "",
    failMsg: task.phase === "fail" ? FAIL_MESSAGE : "",
    costTime: done ? (task.completedAt ?? 0) - task.createdAt : 0,
    completeTime: task.completedAt,
    createTime: task.createdAt,
    updateTime: task.updatedAt,
  };
}

export function jobsCallback(task: TaskView): Json {
  const success = task.phase === "success";
  return {
    code: success ? 200 : 501,
    msg: success ? "Playground task completed successfully." : "Playground task failed.",
    data: jobsRecord(task),
  };
}

/** `data` of GET /api/v1/gpt4o-image/record-info. */
export function gpt4oRecord(task: TaskView): Json {
  const flag = task.phase === "success" ? 1 : task.phase === "fail" ? 2 : 0;
  return {
    taskId: task.taskId,
    paramJson: JSON.stringify(task.spec.param),
    completeTime: task.completedAt,
    response: flag === 1 ? { resultUrls: task.resultUrls } : null,
    successFlag: flag,
    status: ["GENERATING", "SUCCESS", "GENERATE_FAILED"][flag],
    errorCode: flag === 2 ? Number(FAIL_CODE) : null,
    errorMessage: flag === 2 ? FAIL_MESSAGE : "",
    createTime: task.createdAt,
    progress: (flag === 1 ? 1 : Math.min(task.progress, 0.99)).toFixed(2),
  };
}

export function gpt4oCallback(task: TaskView): Json {
  return task.phase === "success"
    ? {
        code: 200,
        msg: "Gpt4o-image generated successfully.",
        data: { taskId: task.taskId, info: { result_urls: task.resultUrls } },
      }
    : { code: Number(FAIL_CODE), msg: FAIL_MESSAGE, data: { taskId: task.taskId, info: null } };
}
