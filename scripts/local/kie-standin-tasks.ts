import { createHmac, randomBytes, randomUUID } from "node:crypto";
import {
  gpt4oCallback,
  jobsCallback,
  type StandInFamily,
  type TaskPhase,
  type TaskSpec,
  type TaskView,
} from "./kie-standin-families";
import { runwayCallback, veoCallback } from "./kie-standin-video-families";

const CALLBACKS: Record<StandInFamily, (task: TaskView) => Record<string, unknown>> = {
  jobs: jobsCallback,
  "gpt4o-image": gpt4oCallback,
  veo: veoCallback,
  runway: runwayCallback,
};

/** Prompt controls (SPEC §8), matched case-insensitively anywhere in the prompt. */
export interface PromptControls {
  fail: boolean;
  noCallback: boolean;
  dupCallback: boolean;
  slow: boolean;
  partial: boolean;
}

export function promptControls(prompt: string): PromptControls {
  const text = prompt.toLowerCase();
  return {
    fail: text.includes("[fail]"),
    noCallback: text.includes("[no-callback]"),
    dupCallback: text.includes("[dup-callback]"),
    slow: text.includes("[slow]"),
    partial: text.includes("[partial]"),
  };
}

export interface RecordedDelivery {
  url: string;
  headers: Record<string, string>;
  /** The exact JSON text sent. */
  body: string;
}

export interface StandInTask {
  taskId: string;
  family: StandInFamily;
  spec: TaskSpec;
  controls: PromptControls;
  phase: TaskPhase;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  durationMs: number;
  resultUrlsOverride: string[] | null;
  /** Runway's poster as a test set it: a URL, or null to leave it out; undefined: the drawn one. */
  posterUrlOverride?: string | null;
  timers: NodeJS.Timeout[];
}

export interface TaskStoreOptions {
  baseUrl: string;
  webhookHmacKey?: string;
  callbackMode: "deliver" | "record";
  taskDurationMs: number;
  slowTaskDurationMs: number;
  log(line: string): void;
}

/**
 * Tasks of the stand-in: waiting → generating (a third of the way) → success or fail, then the
 * callback. Deliveries are always recorded; in "deliver" mode they are also POSTed.
 */
export class StandInTasks {
  private readonly tasks = new Map<string, StandInTask>();
  private readonly deliveries = new Map<string, RecordedDelivery[]>();

  constructor(private readonly options: TaskStoreOptions) {}

  create(family: StandInFamily, spec: TaskSpec): StandInTask {
    const now = Date.now();
    const controls = promptControls(spec.prompt);
    const task: StandInTask = {
      taskId: newTaskId(family, spec.model),
      family,
      spec,
      controls,
      phase: "waiting",
      createdAt: now,
      updatedAt: now,
      completedAt: null,
      durationMs: controls.slow ? this.options.slowTaskDurationMs : this.options.taskDurationMs,
      resultUrlsOverride: null,
      timers: [],
    };
    task.timers.push(
      setTimeout(() => this.advance(task), task.durationMs / 3).unref(),
      setTimeout(() => this.complete(task.taskId), task.durationMs).unref(),
    );
    this.tasks.set(task.taskId, task);
    return task;
  }

  get(taskId: string): StandInTask | undefined {
    return this.tasks.get(taskId);
  }

  /** How many result files the task produced ([partial]: half, rounded down). */
  generatedCount(task: StandInTask): number {
    if (task.phase !== "success") return 0;
    return task.controls.partial ? Math.floor(task.spec.count / 2) : task.spec.count;
  }

  view(task: StandInTask): TaskView {
    const files = `${this.options.baseUrl}/files/${task.taskId}`;
    const extension = task.spec.media === "video" ? "mp4" : "png";
    const generated = Array.from(
      { length: this.generatedCount(task) },
      (_, index) => `${files}/${index}.${extension}`,
    );
    const poster = task.family === "runway" ? `${files}/poster.png` : null;
    return {
      taskId: task.taskId,
      spec: task.spec,
      phase: task.phase,
      createdAt: task.createdAt,
      updatedAt: task.updatedAt,
      completedAt: task.completedAt,
      progress: Math.min(1, (Date.now() - task.createdAt) / task.durationMs),
      resultUrls: task.phase === "success" ? (task.resultUrlsOverride ?? generated) : [],
      resultUrlsReplaced: task.resultUrlsOverride !== null,
      posterUrl: task.posterUrlOverride === undefined ? poster : task.posterUrlOverride,
    };
  }

  /** Finishes the task now; false when it was already finished. */
  complete(taskId: string): boolean {
    const task = this.tasks.get(taskId);
    if (!task || task.completedAt !== null) return false;
    for (const timer of task.timers) clearTimeout(timer);
    task.phase = task.controls.fail ? "fail" : "success";
    task.completedAt = task.updatedAt = Date.now();
    const times = task.controls.noCallback ? 0 : task.controls.dupCallback ? 3 : 1;
    for (let i = 0; i < times; i++) this.sendCallback(task);
    return true;
  }

  recorded(taskId: string): RecordedDelivery[] {
    return this.deliveries.get(taskId) ?? [];
  }

  stop(): void {
    for (const task of this.tasks.values()) for (const timer of task.timers) clearTimeout(timer);
  }

  private advance(task: StandInTask): void {
    if (task.phase !== "waiting") return;
    task.phase = "generating";
    task.updatedAt = Date.now();
  }

  private sendCallback(task: StandInTask): void {
    const url = task.spec.callBackUrl;
    if (!url) return;
    const view = this.view(task);
    const body = JSON.stringify(CALLBACKS[task.family](view));
    const headers: Record<string, string> = { "content-type": "application/json" };
    const key = this.options.webhookHmacKey;
    if (key) {
      const timestamp = String(Math.floor(Date.now() / 1000));
      headers["x-webhook-timestamp"] = timestamp;
      headers["x-webhook-signature"] = createHmac("sha256", key)
        .update(`${task.taskId}.${timestamp}`)
        .digest("base64");
    }
    const list = this.deliveries.get(task.taskId) ?? [];
    list.push({ url, headers, body });
    this.deliveries.set(task.taskId, list);
    if (this.options.callbackMode !== "deliver") return;
    // KieAI waits 15 s for a callback answer and does not retry; neither does the stand-in.
    fetch(url, { method: "POST", headers, body, signal: AbortSignal.timeout(15_000) })
      .then((res) => this.options.log(`callback ${task.taskId} → ${res.status}`))
      .catch((error: Error) =>
        this.options.log(`callback ${task.taskId} failed: ${error.message}`),
      );
  }
}

// Shaped like KieAI's: task_google_1765178608584 (jobs), 32 hex digits (4o),
// veo_task_3f2a9c0d1e7b4a56 (Veo), a UUID (Runway).
function newTaskId(family: StandInFamily, model: string): string {
  if (family === "gpt4o-image") return randomBytes(16).toString("hex");
  if (family === "veo") return `veo_task_${randomBytes(8).toString("hex")}`;
  if (family === "runway") return randomUUID();
  const vendor = (model.split("/")[0] ?? "task").replace(/[^a-z0-9-]/gi, "");
  return `task_${vendor}_${Date.now()}${randomBytes(3).toString("hex")}`;
}
