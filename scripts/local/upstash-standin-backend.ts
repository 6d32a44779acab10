import Redis from "ioredis";
import RedisMock from "ioredis-mock";

/** One command's outcome, as it sits in a pipeline or transaction reply. */
export type Slot = { result: unknown } | { error: string };

/** The whole transaction was discarded before it ran (Redis EXECABORT): a 400, no slots. */
export class TransactionAbortedError extends Error {}

export interface Backend {
  kind: "redis" | "memory";
  /** Runs one command; a Redis error becomes an `error` slot, a broken connection throws. */
  run(command: string[]): Promise<Slot>;
  /** Runs the commands in MULTI/EXEC; throws TransactionAbortedError when Redis discards it. */
  transaction(commands: string[][]): Promise<Slot[]>;
  close(): Promise<void>;
}

/**
 * A real Redis through ioredis. ioredis speaks RESP2, which the Upstash client needs: over
 * RESP3, HGETALL and friends arrive as maps and the client's array handling breaks.
 */
export async function connectRedisBackend(url: string): Promise<Backend> {
  // Fail fast instead of queueing: a request while Redis is down answers 500 at once.
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  // ioredis reconnects on its own; say once per outage that Redis is gone, not on every retry.
  // Before the first connection the error is thrown below instead.
  let lastError: Error | undefined;
  let connected = false;
  redis.on("error", (error: Error) => {
    if (connected && !lastError) {
      console.warn(`[upstash stand-in] Redis ${describeRedisUrl(url)}: ${error.message}`);
    }
    lastError = error;
  });
  redis.on("ready", () => {
    connected = true;
    lastError = undefined;
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? (error as Error);
    throw new Error(`no Redis answers at ${describeRedisUrl(url)}: ${cause.message}`);
  }
  return {
    kind: "redis",
    async run([name = "", ...args]) {
      try {
        // Upper-case names on purpose: ioredis looks its reply transformers up by lower-case
        // name, so "HGETALL" keeps Redis's flat [field, value, …] array and its field order.
        return { result: await redis.call(name.toUpperCase(), ...args) };
      } catch (error) {
        if (isReplyError(error)) return { error: error.message };
        throw error;
      }
    },
    async transaction(commands) {
      const multi = redis.multi();
      for (const [name = "", ...args] of commands) multi.call(name.toUpperCase(), ...args);
      try {
        const results = (await multi.exec()) ?? [];
        return results.map(([error, result]) => (error ? { error: error.message } : { result }));
      } catch (error) {
        if (isReplyError(error) && error.message.startsWith("EXECABORT")) {
          const cause = (error as { previousErrors?: Error[] }).previousErrors?.[0]?.message;
          throw new TransactionAbortedError(cause ? `${error.message} ${cause}` : error.message);
        }
        throw error;
      }
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * ioredis-mock in this process. Mocks share data by host:port, so the stand-in's own port keeps
 * two stand-ins in one process apart. It has no generic `call`: commands are its methods, one
 * per Redis command name.
 */
export function createMemoryBackend(port: number): Backend {
  const mock = new RedisMock({ host: "upstash-standin", port });
  const method = (command: string) => {
    const fn = (mock as unknown as Record<string, unknown>)[command];
    // `connect` is the one own method that is not a Redis command.
    return command !== "connect" && Object.hasOwn(mock, command) && typeof fn === "function"
      ? (fn as (...args: string[]) => Promise<unknown>).bind(mock)
      : undefined;
  };
  const prepare = ([name = "", ...args]: string[]): [string, ...string[]] => {
    const command = name.toLowerCase();
    // The mock has no EVAL_RO; read-only is then not enforced in memory.
    if (command === "eval_ro") return ["eval", ...args];
    // The mock silently ignores lower-case SET options (nx, px, …).
    if (command === "set") return ["set", ...args.slice(0, 2), ...args.slice(2).map(upper)];
    return [command, ...args];
  };
  return {
    kind: "memory",
    async run(command) {
      const [name, ...args] = prepare(command);
      const fn = method(name);
      if (!fn) return { error: `ERR unknown command '${name}'` };
      try {
        return { result: await fn(...args) };
      } catch (error) {
        return { error: redisStyleMessage(error) };
      }
    },
    async transaction(commands) {
      const prepared = commands.map(prepare);
      const unknown = prepared.find(([name]) => !method(name));
      if (unknown) {
        throw new TransactionAbortedError(
          `EXECABORT Transaction discarded because of previous errors. ERR unknown command '${unknown[0]}'`,
        );
      }
      try {
        const results = (await mock.multi(prepared).exec()) ?? [];
        return results.map(([error, result]) =>
          error ? { error: redisStyleMessage(error) } : { result },
        );
      } catch (error) {
        // Unlike Redis, the mock rejects the whole transaction on a run-time error.
        throw new TransactionAbortedError(redisStyleMessage(error));
      }
    },
    async close() {
      await mock.flushall();
      mock.disconnect();
    },
  };
}

/**
 * A backend value as the Upstash REST API returns it: strings base64-encoded when the client
 * asked for it (every one, "OK" included), integers as numbers, nil as null. ioredis-mock hands
 * HGETALL back as an object and Lua booleans unconverted; Redis turns Lua true into 1 and false
 * into nil, so the same happens here.
 */
export function toReply(value: unknown, base64: boolean): unknown {
  if (value === null || value === undefined || value === false) return null;
  if (value === true) return 1;
  if (typeof value === "number") return value;
  if (typeof value === "string") return base64 ? Buffer.from(value).toString("base64") : value;
  if (Buffer.isBuffer(value)) return base64 ? value.toString("base64") : value.toString();
  if (Array.isArray(value)) return value.map((item) => toReply(item, base64));
  if (value instanceof Error) return toReply(value.message, base64);
  if (typeof value === "object") return toReply(Object.entries(value).flat(), base64);
  return toReply(String(value), base64);
}

/** host:port/db of a Redis URL, without credentials, for logs. */
export function describeRedisUrl(url: string): string {
  const parsed = new URL(url);
  return `${parsed.host}${parsed.pathname === "/" ? "" : parsed.pathname}`;
}

// By name: ioredis's ReplyError is a named export that Vite's CommonJS interop (the test
// global setup) does not see, and typed `any`. Connection failures are not ReplyErrors.
function isReplyError(error: unknown): error is Error {
  return error instanceof Error && error.name === "ReplyError";
}

function upper(value: string): string {
  return value.toUpperCase();
}

// The mock throws plain Errors; the Upstash client and callers expect Redis's "CODE message".
function redisStyleMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return /^[A-Z]+ /.test(message) ? message : `ERR ${message}`;
}
