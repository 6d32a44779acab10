import { env } from "cloudflare:test";
import { getConfigs } from "../../src/configs";
import type { ModelConfig } from "../../src/configs/schema";
import { createKieProvider } from "../../src/providers/kie";
import type { TaskRecord, TaskState } from "../../src/providers/types";

// Drives the KieAI stand-in (scripts/local/kie-standin.ts) that test/global-setup.ts started.

export interface RecordedCallback {
  url: string;
  headers: Record<string, string>;
  /** The exact JSON text the stand-in sent. */
  body: string;
}

/** What `GET /_control/tasks/<id>` shows of a stand-in task. */
export interface StandInTaskView {
  taskId: string;
  family: ModelConfig["apiFamily"];
  phase: "waiting" | "generating" | "success" | "fail";
  resultUrls: string[];
  spec: { model: string; prompt: string; count: number; param: Record<string, unknown> };
}

/** A URL on the stand-in, e.g. standInFileUrl("/files/test/png"). */
export function standInFileUrl(path: string): string {
  return `${env.KIE_API_BASE_URL}${path}`;
}

export const kieControl = {
  async get<T>(path: string): Promise<T> {
    const res = await fetch(standInFileUrl(`/_control${path}`));
    if (!res.ok) throw new Error(`stand-in GET ${path}: ${res.status} ${await res.text()}`);
    return res.json<T>();
  },
  async post<T>(path: string, body: unknown = {}): Promise<T> {
    const res = await fetch(standInFileUrl(`/_control${path}`), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`stand-in POST ${path}: ${res.status} ${await res.text()}`);
    return res.json<T>();
  },
};

/** The production client against the stand-in, with the test key. */
export function testKieProvider(
  overrides: { baseUrl?: string; apiKey?: string; timeoutMs?: number } = {},
) {
  return createKieProvider({
    baseUrl: env.KIE_API_BASE_URL,
    apiKey: env.KIE_API_KEY,
    ...overrides,
  });
}

export function recordedCallbacks(taskId: string): Promise<RecordedCallback[]> {
  return kieControl.get(`/callbacks?taskId=${encodeURIComponent(taskId)}`);
}

export function standInTask(taskId: string): Promise<StandInTaskView> {
  return kieControl.get(`/tasks/${encodeURIComponent(taskId)}`);
}

/** Replaces the task's result URLs (SSRF and bad-file tests). */
export async function setTaskResults(taskId: string, urls: string[]): Promise<void> {
  await kieControl.post(`/tasks/${encodeURIComponent(taskId)}/results`, { urls });
}

/**
 * The next call to that API path answers `status` (with KieAI's envelope, or `body`; a string
 * body is sent as is). With `match`, only a call whose URL or body contains it is affected,
 * so test files running in parallel do not take each other's failures.
 */
export async function failNextProviderCall(
  path: string,
  status: number,
  body?: unknown,
  options: { match?: string; delayMs?: number } = {},
): Promise<void> {
  await kieControl.post("/fail-next", { path, status, body, ...options });
}

/** Finishes the task now, firing its callback per its prompt controls. */
export async function completeTask(taskId: string): Promise<void> {
  await kieControl.post(`/tasks/${encodeURIComponent(taskId)}/complete`);
}

/** Polls record-info through the production client until the task reaches `state`. */
export async function waitForTaskState(
  taskId: string,
  state: TaskState,
  options: { model?: ModelConfig; timeoutMs?: number } = {},
): Promise<TaskRecord> {
  const model = options.model ?? (await modelOfTask(taskId));
  const provider = testKieProvider();
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  let last: string = "no answer";
  while (Date.now() < deadline) {
    const record = await provider.recordInfo(model, taskId);
    if (record.ok && record.value.state === state) return record.value;
    last = record.ok ? record.value.state : `${record.error.kind}: ${record.error.message}`;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`task ${taskId} did not reach ${state} (last: ${last})`);
}

// Any configured model of the task's family reads its record-info.
async function modelOfTask(taskId: string): Promise<ModelConfig> {
  const { family } = await standInTask(taskId);
  const model = getConfigs().models.find((m) => m.apiFamily === family);
  if (!model) throw new Error(`no configured model of family ${family}`);
  return model;
}
