import type { ServerResponse } from "node:http";
import type { StandInTasks } from "./kie-standin-tasks";

// `/_control/*`: what tests (and curious developers) can ask of the KieAI stand-in.
//   GET  /_control/callbacks?taskId=…         recorded callback deliveries, in order
//   GET  /_control/tasks/<id>                 the task as the stand-in sees it
//   POST /_control/tasks/<id>/results {urls, posterUrl?}
//        replace its result URLs (and Runway's poster URL; posterUrl null leaves it out)
//   POST /_control/tasks/<id>/complete        finish it now, calling back per its controls
//   POST /_control/fail-next {path, status, body?, match?, delayMs?}
//        the next API call to `path` (whose URL or body contains `match`) answers `status`

export interface ForcedAnswer {
  path: string;
  status: number;
  /** KieAI's envelope by default; a string is sent as is. */
  body?: unknown;
  match?: string;
  delayMs?: number;
}

export const NO_ACCESS = { code: 401, msg: "You do not have access permissions" };

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export function sendBytes(res: ServerResponse, contentType: string, bytes: Buffer): void {
  res.writeHead(200, { "content-type": contentType, "content-length": bytes.length }).end(bytes);
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Removes and answers the first forced answer waiting for this request, if any. */
export function takeForcedAnswer(
  forced: ForcedAnswer[],
  url: URL,
  raw: string,
): ForcedAnswer | undefined {
  const index = forced.findIndex(
    (f) =>
      f.path === url.pathname && (!f.match || url.href.includes(f.match) || raw.includes(f.match)),
  );
  return index >= 0 ? forced.splice(index, 1)[0] : undefined;
}

export async function sendForced(res: ServerResponse, answer: ForcedAnswer): Promise<void> {
  if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
  if (typeof answer.body === "string") {
    res.writeHead(answer.status, { "content-type": "text/plain" }).end(answer.body);
    return;
  }
  const msg =
    answer.status === 401 ? NO_ACCESS.msg : `forced ${answer.status} (stand-in fail-next)`;
  sendJson(res, answer.status, answer.body ?? { code: answer.status, msg, data: null });
}

export function handleControl(
  state: { tasks: StandInTasks; forced: ForcedAnswer[] },
  method: string | undefined,
  url: URL,
  raw: string,
  res: ServerResponse,
) {
  const body = parseJson(raw) as Record<string, unknown> | undefined;
  if (method === "GET" && url.pathname === "/_control/callbacks") {
    return sendJson(res, 200, state.tasks.recorded(url.searchParams.get("taskId") ?? ""));
  }
  if (method === "POST" && url.pathname === "/_control/fail-next") {
    const { path, status, match, delayMs } = body ?? {};
    if (typeof path !== "string" || !Number.isInteger(status)) {
      return sendJson(res, 400, { error: "{ path, status } is required" });
    }
    state.forced.push({
      path,
      status: status as number,
      body: body?.body,
      match: typeof match === "string" ? match : undefined,
      delayMs: typeof delayMs === "number" ? Math.min(delayMs, 60_000) : undefined,
    });
    return sendJson(res, 200, { ok: true });
  }
  const route = /^\/_control\/tasks\/([A-Za-z0-9_.-]+)(\/results|\/complete)?$/.exec(url.pathname);
  if (!route) return sendJson(res, 404, { error: "unknown control route" });
  const task = state.tasks.get(route[1] ?? "");
  if (!task) return sendJson(res, 404, { error: "unknown task" });
  const action = `${method} ${route[2] ?? ""}`;
  if (action === "GET ")
    return sendJson(res, 200, { family: task.family, ...state.tasks.view(task) });
  if (action === "POST /complete") {
    return sendJson(res, 200, { completed: state.tasks.complete(task.taskId), phase: task.phase });
  }
  if (action === "POST /results") {
    const urls = body?.urls;
    if (!Array.isArray(urls) || !urls.every((u) => typeof u === "string")) {
      return sendJson(res, 400, { error: "{ urls: string[] } is required" });
    }
    const posterUrl = body?.posterUrl;
    if (posterUrl !== undefined && posterUrl !== null && typeof posterUrl !== "string") {
      return sendJson(res, 400, { error: "posterUrl must be a string or null" });
    }
    task.resultUrlsOverride = urls as string[];
    if (posterUrl !== undefined) task.posterUrlOverride = posterUrl;
    return sendJson(res, 200, { ok: true });
  }
  return sendJson(res, 405, { error: "method not allowed" });
}
