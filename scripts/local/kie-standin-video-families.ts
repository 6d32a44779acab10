// What the KieAI stand-in says for the Veo 3 and Runway APIs: their record-info answers and
// callbacks, in each API's own shape (docs.kie.ai, SPEC §5.6). The jobs video models (Sora 2,
// Kling 2.6) answer in the jobs shape of kie-standin-families.ts.
import { createHash } from "node:crypto";
import { copyUrls, FAIL_CODE, FAIL_MESSAGE, type TaskView } from "./kie-standin-families";

type Json = Record<string, unknown>;

/** "YYYY-MM-DD HH:mm:ss": Veo and Runway write times as text without a zone; the stand-in, UTC. */
export function kieDateTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

// veo3 renders 1080p; veo3_fast 720p.
const veoResolution = (task: TaskView) => (task.spec.model === "veo3" ? "1080p" : "720p");

function veoResults(task: TaskView): Json {
  return {
    resultUrls: task.resultUrls,
    originUrls: copyUrls(task, "origin"),
    resolution: veoResolution(task),
  };
}

/** `data` of GET /api/v1/veo/record-info. */
export function veoRecord(task: TaskView): Json {
  // 3 is "generation failed" (the task ran and failed); 2, a refused creation, never gets here.
  const flag = task.phase === "success" ? 1 : task.phase === "fail" ? 3 : 0;
  return {
    taskId: task.taskId,
    paramJson: JSON.stringify(task.spec.param),
    completeTime: task.completedAt === null ? null : kieDateTime(task.completedAt),
    response: flag === 1 ? { taskId: task.taskId, ...veoResults(task) } : null,
    successFlag: flag,
    errorCode: flag === 3 ? Number(FAIL_CODE) : null,
    errorMessage: flag === 3 ? FAIL_MESSAGE : "",
    createTime: kieDateTime(task.createdAt),
    fallbackFlag: false,
  };
}

export function veoCallback(task: TaskView): Json {
  return task.phase === "success"
    ? {
        code: 200,
        msg: "Veo3.1 video generated successfully.",
        data: { taskId: task.taskId, info: veoResults(task), fallbackFlag: false },
      }
    : {
        code: Number(FAIL_CODE),
        msg: FAIL_MESSAGE,
        data: { taskId: task.taskId, info: null, fallbackFlag: false },
      };
}

/** Runway names the video with an id of its own: a UUID, the same on every read. */
function runwayVideoId(task: TaskView): string {
  const hex = createHash("sha256").update(`${task.taskId}:video`).digest("hex");
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    hex.slice(12, 16),
    hex.slice(16, 20),
    hex.slice(20, 32),
  ].join("-");
}

const RUNWAY_STATES = {
  waiting: "wait",
  generating: "generating",
  success: "success",
  fail: "fail",
};

/** `data` of GET /api/v1/runway/record-detail. */
export function runwayRecord(task: TaskView): Json {
  const param = task.spec.param;
  return {
    taskId: task.taskId,
    parentTaskId: "",
    generateParam: { prompt: param.prompt, imageUrl: param.imageUrl ?? "", expandPrompt: true },
    state: RUNWAY_STATES[task.phase],
    generateTime: kieDateTime(task.createdAt),
    // A [partial] success made no video: Runway still answers the video record, empty.
    videoInfo:
      task.phase === "success"
        ? {
            videoId: runwayVideoId(task),
            videoUrl: task.resultUrls[0] ?? "",
            imageUrl: task.posterUrl ?? "",
          }
        : null,
    failCode: task.phase === "fail" ? Number(FAIL_CODE) : null,
    failMsg: task.phase === "fail" ? FAIL_MESSAGE : "",
    expireFlag: 0,
  };
}

/** Runway's callback alone is snake_case. */
export function runwayCallback(task: TaskView): Json {
  if (task.phase !== "success") {
    return {
      code: Number(FAIL_CODE),
      msg: FAIL_MESSAGE,
      data: { task_id: task.taskId, video_id: "", video_url: "", image_url: "" },
    };
  }
  return {
    code: 200,
    msg: "All generated successfully.",
    data: {
      task_id: task.taskId,
      video_id: runwayVideoId(task),
      video_url: task.resultUrls[0] ?? "",
      image_url: task.posterUrl ?? "",
    },
  };
}
