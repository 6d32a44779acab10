import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import {
  type Backend,
  connectRedisBackend,
  createMemoryBackend,
  type Slot,
  TransactionAbortedError,
  toReply,
} from "./upstash-standin-backend";
import { type CommandPlan, StandInCommands } from "./upstash-standin-commands";

export interface UpstashStandIn {
  /** Value for UPSTASH_REDIS_REST_URL. */
  url: string;
  /** Value for UPSTASH_REDIS_REST_TOKEN. */
  token: string;
  backend: Backend["kind"];
  stop(): Promise<void>;
}

/**
 * A local stand-in for Upstash's Redis REST API (none exists on the registry), so
 * `@upstash/redis` and `@upstash/ratelimit` run unchanged in `npm run dev` and the tests.
 * It serves what the client uses: `POST /` (one command), `/pipeline` and `/multi-exec`, with
 * bearer-token auth and the `Upstash-Encoding: base64` replies the client asks for by default.
 * Data lives in the Redis at `redisUrl` when given — never flushed, it may be shared, so callers
 * keep to their own key prefix — or else in an in-process ioredis-mock.
 */
export async function startUpstashStandIn(options: {
  port: number;
  token: string;
  redisUrl?: string;
}): Promise<UpstashStandIn> {
  const backend = options.redisUrl
    ? await connectRedisBackend(options.redisUrl)
    : createMemoryBackend(options.port);
  const commands = new StandInCommands(backend.kind === "redis");

  async function runCommand(command: string[]): Promise<Slot> {
    const plan = commands.plan(command);
    return "command" in plan ? backend.run(plan.command) : answeredLocally(plan);
  }

  // Commands the stand-in answers itself keep their slot; the rest run in one MULTI/EXEC.
  async function runTransaction(list: string[][]): Promise<Slot[]> {
    const plans = list.map((command) => commands.plan(command));
    const refused = plans.find((plan): plan is { rejected: string } => "rejected" in plan);
    if (refused) {
      throw new TransactionAbortedError(
        `EXECABORT Transaction discarded because of previous errors. ${refused.rejected}`,
      );
    }
    const queued = plans.flatMap((plan) => ("command" in plan ? [plan.command] : []));
    const results = queued.length > 0 ? await backend.transaction(queued) : [];
    let next = 0;
    return plans.map((plan) =>
      "command" in plan ? (results[next++] ?? { error: "ERR no reply" }) : answeredLocally(plan),
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://stand-in").pathname;
    if (req.method === "GET" && (path === "/" || path === "/health")) {
      return send(res, 200, { result: "OK", backend: backend.kind });
    }
    if (req.headers.authorization !== `Bearer ${options.token}`) {
      return send(res, 401, { error: "Unauthorized" });
    }
    if (req.method !== "POST") return send(res, 405, { error: "ERR only POST is served" });
    const body = parseJson(await readBody(req));
    const base64 = req.headers["upstash-encoding"]?.toString().toLowerCase() === "base64";
    const encode = (slot: Slot) =>
      "error" in slot ? { error: slot.error } : { result: toReply(slot.result, base64) };

    if (path === "/") {
      const command = asCommand(body);
      if (!command) return send(res, 400, { error: "ERR the body must be a command array" });
      const slot = await runCommand(command);
      return send(res, "error" in slot ? 400 : 200, encode(slot));
    }
    if (path !== "/pipeline" && path !== "/multi-exec") {
      return send(res, 404, { error: "ERR only /, /pipeline and /multi-exec are served" });
    }
    const list = Array.isArray(body) ? body.map(asCommand) : [];
    if (list.length === 0 || list.some((command) => !command)) {
      return send(res, 400, { error: "ERR the body must be a non-empty array of command arrays" });
    }
    const valid = list as string[][];
    if (path === "/pipeline") {
      // One after another, as Upstash does: each command sees the writes of those before it.
      const slots: Slot[] = [];
      for (const command of valid) slots.push(await runCommand(command));
      return send(res, 200, slots.map(encode));
    }
    try {
      return send(res, 200, (await runTransaction(valid)).map(encode));
    } catch (error) {
      if (error instanceof TransactionAbortedError) return send(res, 400, { error: error.message });
      throw error;
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: Error) => send(res, 500, { error: `ERR ${error.message}` }));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, "127.0.0.1", resolve);
    });
  } catch (error) {
    await backend.close();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    token: options.token,
    backend: backend.kind,
    async stop() {
      // The client keeps connections alive; close() alone would wait for them to go idle.
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await backend.close();
    },
  };
}

function answeredLocally(plan: Exclude<CommandPlan, { command: string[] }>): Slot {
  if ("reply" in plan) return { result: plan.reply };
  return { error: "error" in plan ? plan.error : plan.rejected };
}

// Upstash takes strings, numbers and booleans as arguments; Redis itself only sees strings.
function asCommand(value: unknown): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const scalars = value.every((arg) => ["string", "number", "boolean"].includes(typeof arg));
  return scalars ? value.map(String) : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
