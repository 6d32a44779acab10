import { env } from "cloudflare:test";
import { expect } from "vitest";
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

/** The stand-in's API families, each with its own endpoints and payload shapes. */
export type StandInFamily = "jobs" | "gpt4o-image" | "veo" | "runway";

/** What `GET /_control/tasks/<id>` shows of a stand-in task. */
export interface StandInTaskView {
  taskId: string;
  family: StandInFamily;
  phase: "waiting" | "generating" | "success" | "fail";
  resultUrls: string[];
  /** Runway's poster image (null for the other families, or when a test removed it). */
  posterUrl: string | null;
  spec: {
    model: string;
    media: "image" | "video";
    prompt: string;
    count: number;
    aspectRatio: string;
    param: Record<string, unknown>;
  };
}

/** KieAI's answer envelope: `code` is the outcome (HTTP is 200 even for refusals). */
export interface KieEnvelope<T = any> {
  code: number;
  msg: string;
  data: T | null;
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

/** Creates a task on a create endpoint and expects KieAI's success answer; gives its id. */
export async function kieCreated(path: string, body: Record<string, unknown>): Promise<string> {
  const { status, body: answer } = await kieApi<{ taskId: string }>(path, body);
  expect([status, answer.code, answer.msg], JSON.stringify(answer)).toEqual([200, 200, "success"]);
  return answer.data?.taskId ?? "";
}

/** Expects KieAI's refusal (HTTP 200, `{code: 422, data: null}`) and gives its message. */
export async function kieRefusal(path: string, body: Record<string, unknown>): Promise<string> {
  const { status, body: answer } = await kieApi(path, body);
  expect([status, answer.code, answer.data]).toEqual([200, 422, null]);
  return answer.msg;
}

/** The `data` of a record endpoint's success answer for the task. */
export async function kieRecord<T = any>(path: string, taskId: string): Promise<T> {
  const { body } = await kieApi<T>(`${path}?taskId=${encodeURIComponent(taskId)}`);
  expect(body).toMatchObject({ code: 200, msg: "success" });
  return body.data as T;
}

/** The callback bodies the stand-in sent for the task, parsed, in order. */
export async function recordedCallbackBodies(taskId: string): Promise<Record<string, any>[]> {
  return (await recordedCallbacks(taskId)).map((d) => JSON.parse(d.body));
}

export function recordedCallbacks(taskId: string): Promise<RecordedCallback[]> {
  return kieControl.get(`/callbacks?taskId=${encodeURIComponent(taskId)}`);
}

export function standInTask(taskId: string): Promise<StandInTaskView> {
  return kieControl.get(`/tasks/${encodeURIComponent(taskId)}`);
}

/**
 * Replaces the task's result URLs (SSRF and bad-file tests); for a Runway task also its poster
 * URL when `posterUrl` is given (null leaves the poster out).
 */
export async function setTaskResults(
  taskId: string,
  urls: string[],
  posterUrl?: string | null,
): Promise<void> {
  const body = posterUrl === undefined ? { urls } : { urls, posterUrl };
  await kieControl.post(`/tasks/${encodeURIComponent(taskId)}/results`, body);
}

/**
 * Calls the stand-in's KieAI API directly, with the test key (tests of the stand-in's own
 * contract, below the production client): a JSON body makes it a POST.
 */
export async function kieApi<T = any>(
  path: string,
  body?: unknown,
): Promise<{ status: number; body: KieEnvelope<T> }> {
  const res = await fetch(standInFileUrl(path), {
    method: body === undefined ? "GET" : "POST",
    headers: { authorization: `Bearer ${env.KIE_API_KEY}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json<KieEnvelope<T>>() };
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
