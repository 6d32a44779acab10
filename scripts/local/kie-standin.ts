import type { IncomingMessage, ServerResponse } from "node:http";
import {
  type ForcedAnswer,
  handleControl,
  NO_ACCESS,
  parseJson,
  sendForced,
  sendJson,
  takeForcedAnswer,
} from "./kie-standin-control";
import {
  type CreateCheck,
  gpt4oRecord,
  jobsRecord,
  type StandInFamily,
  type TaskView,
} from "./kie-standin-families";
import { serveFile } from "./kie-standin-files";
import { checkGpt4oCreate, checkJobsCreate } from "./kie-standin-requests";
import { StandInTasks } from "./kie-standin-tasks";
import { runwayRecord, veoRecord } from "./kie-standin-video-families";
import { checkRunwayCreate, checkVeoCreate } from "./kie-standin-video-requests";
import { readBody, serveStandIn } from "./standin-server";

/** Each API family's create endpoint, record endpoint, request check and record shape. */
const FAMILIES: Record<
  StandInFamily,
  {
    create: string;
    record: string;
    check(body: unknown): CreateCheck;
    answer(task: TaskView): Record<string, unknown>;
  }
> = {
  jobs: {
    create: "/api/v1/jobs/createTask",
    record: "/api/v1/jobs/recordInfo",
    check: checkJobsCreate,
    answer: jobsRecord,
  },
  "gpt4o-image": {
    create: "/api/v1/gpt4o-image/generate",
    record: "/api/v1/gpt4o-image/record-info",
    check: checkGpt4oCreate,
    answer: gpt4oRecord,
  },
  veo: {
    create: "/api/v1/veo/generate",
    record: "/api/v1/veo/record-info",
    check: checkVeoCreate,
    answer: veoRecord,
  },
  runway: {
    create: "/api/v1/runway/generate",
    record: "/api/v1/runway/record-detail",
    check: checkRunwayCreate,
    answer: runwayRecord,
  },
};

export interface KieStandInOptions {
  port: number;
  /** The bearer token it accepts (the Worker's KIE_API_KEY). */
  apiKey: string;
  /** Signs callbacks as KieAI does when a webhook HMAC key is set in its console. */
  webhookHmacKey?: string;
  /** "deliver" POSTs callbacks (dev); "record" only keeps them for /_control/callbacks (tests). */
  callbackMode: "deliver" | "record";
  taskDurationMs?: number;
  /** For prompts with [slow]. */
  slowTaskDurationMs?: number;
}

export interface KieStandIn {
  url: string;
  stop(): Promise<void>;
}

/**
 * A local stand-in for KieAI (SPEC §8): the jobs, 4o image, Veo 3 and Runway APIs with their
 * real request checks, answers and callbacks, result PNGs drawn locally, a small real MP4 for
 * every video, and `/_control/*` routes for tests.
 */
export async function startKieStandIn(options: KieStandInOptions): Promise<KieStandIn> {
  const verbose = process.env.KIE_STANDIN_VERBOSE === "1";
  const log = (line: string) => {
    if (verbose) console.log(`[kie-standin] ${line}`);
  };
  const forced: ForcedAnswer[] = [];
  const url = `http://127.0.0.1:${options.port}`;
  const tasks = new StandInTasks({
    baseUrl: url,
    webhookHmacKey: options.webhookHmacKey,
    callbackMode: options.callbackMode,
    taskDurationMs: options.taskDurationMs ?? 1500,
    slowTaskDurationMs: options.slowTaskDurationMs ?? 10_000,
    log,
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://stand-in");
    if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/health")) {
      return sendJson(res, 200, { ok: true, service: "kie-standin" });
    }
    if (req.method === "GET" && (await serveFile(url, res, tasks))) return;
    const raw = await readBody(req);
    if (raw === null) return sendJson(res, 413, { code: 413, msg: "request body too large" });
    if (url.pathname.startsWith("/_control/"))
      return handleControl({ tasks, forced }, req.method, url, raw, res);

    const answer = takeForcedAnswer(forced, url, raw);
    if (answer) return sendForced(res, answer);
    if (req.headers.authorization !== `Bearer ${options.apiKey}`)
      return sendJson(res, 401, NO_ACCESS);

    for (const family of Object.keys(FAMILIES) as StandInFamily[]) {
      const api = FAMILIES[family];
      if (req.method === "POST" && url.pathname === api.create) return create(family, raw, res);
      if (req.method === "GET" && url.pathname === api.record) return recordInfo(family, url, res);
    }
    // KieAI's gateway answers unknown routes in Spring's shape, not its envelope.
    return sendJson(res, 404, { status: 404, error: "Not Found", path: url.pathname });
  }

  function create(family: StandInFamily, raw: string, res: ServerResponse) {
    const checked = FAMILIES[family].check(parseJson(raw));
    // Refusals come as HTTP 200 with the outcome in the envelope, as KieAI does.
    if (!checked.ok) return sendJson(res, 200, { code: 422, msg: checked.msg, data: null });
    const task = tasks.create(family, checked.spec);
    log(`task ${task.taskId} (${checked.spec.model}) created`);
    return sendJson(res, 200, { code: 200, msg: "success", data: { taskId: task.taskId } });
  }

  function recordInfo(family: StandInFamily, url: URL, res: ServerResponse) {
    const task = tasks.get(url.searchParams.get("taskId") ?? "");
    if (!task || task.family !== family) {
      return sendJson(res, 200, { code: 422, msg: "recordInfo is null", data: null });
    }
    const data = FAMILIES[family].answer(tasks.view(task));
    return sendJson(res, 200, { code: 200, msg: "success", data });
  }

  const server = await serveStandIn({
    port: options.port,
    handle,
    log,
    onError(res, error) {
      log(`error: ${error.stack ?? error.message}`);
      sendJson(res, 500, { code: 500, msg: "stand-in error" });
    },
  });
  return {
    url,
    async stop() {
      tasks.stop();
      await server.stop();
    },
  };
}
