import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis/cloudflare";
import { afterAll, describe, expect, inject, it } from "vitest";

// The local Upstash REST stand-in (scripts/local/upstash-standin.ts), driven by the production
// clients exactly as src/ drives Upstash. Runs against memory or, with REDIS_URL, a real Redis
// that other runs may share: every key lives under this run's id and is deleted afterwards.
const url = inject("upstashUrl");
const token = inject("upstashToken");
const runPrefix = `aniforge-test:${inject("runId")}:standin`;
const redis = new Redis({ url, token });

function uniquePrefix(): string {
  return `${runPrefix}:${crypto.randomUUID()}`;
}

afterAll(async () => {
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, { match: `${runPrefix}:*`, count: 500 });
    if (keys.length > 0) await redis.del(...keys);
    cursor = String(next);
  } while (cursor !== "0");
});

describe("Upstash REST stand-in through @upstash/redis", () => {
  it("round-trips strings, numbers and JSON objects", async () => {
    const p = uniquePrefix();
    expect(await redis.set(`${p}:text`, "héllo ✓ アニメ")).toBe("OK");
    expect(await redis.set(`${p}:number`, 42)).toBe("OK");
    expect(await redis.set(`${p}:json`, { title: "sakura", tags: ["a", "b"], n: 1 })).toBe("OK");
    expect(await redis.get(`${p}:text`)).toBe("héllo ✓ アニメ");
    expect(await redis.get(`${p}:number`)).toBe(42);
    expect(await redis.get(`${p}:json`)).toEqual({ title: "sakura", tags: ["a", "b"], n: 1 });
    expect(await redis.get(`${p}:missing`)).toBeNull();
  });

  it("honours SET options (NX, PX)", async () => {
    const key = `${uniquePrefix()}:lock`;
    expect(await redis.set(key, "first", { nx: true, px: 60_000 })).toBe("OK");
    expect(await redis.set(key, "second", { nx: true, px: 60_000 })).toBeNull();
    expect(await redis.get(key)).toBe("first");
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it("counts with INCR and INCRBY", async () => {
    const key = `${uniquePrefix()}:counter`;
    expect(await redis.incr(key)).toBe(1);
    expect(await redis.incr(key)).toBe(2);
    expect(await redis.incrby(key, 5)).toBe(7);
  });

  it("stores hashes with HSET and reads them with HGETALL", async () => {
    const key = `${uniquePrefix()}:hash`;
    expect(await redis.hset(key, { name: "mika", level: 3 })).toBe(2);
    expect(await redis.hgetall(key)).toEqual({ name: "mika", level: 3 });
    expect(await redis.hgetall(`${key}:missing`)).toBeNull();
  });

  it("runs a pipeline in order, an error staying in its own slot", async () => {
    const p = uniquePrefix();
    const ok = await redis.pipeline().set(`${p}:a`, "v").incr(`${p}:b`).get(`${p}:a`).exec();
    expect(ok).toEqual(["OK", 1, "v"]);

    const mixed = await redis
      .pipeline()
      .incr(`${p}:b`)
      .evalsha("0".repeat(40), [], [])
      .incr(`${p}:b`)
      .exec({ keepErrors: true });
    expect(mixed.map((slot) => slot.result)).toEqual([2, undefined, 3]);
    expect(mixed[1]?.error).toMatch(/NOSCRIPT/);
  });

  it("runs MULTI/EXEC as one transaction", async () => {
    const p = uniquePrefix();
    const results = await redis.multi().set(`${p}:a`, "v").incr(`${p}:b`).get(`${p}:a`).exec();
    expect(results).toEqual(["OK", 1, "v"]);
    expect(await redis.get(`${p}:b`)).toBe(1);
  });

  // ioredis-mock rejects a whole transaction on a run-time error, so this is Redis-only.
  it.runIf(inject("upstashBackend") === "redis")(
    "keeps a run-time error inside MULTI in its slot (real Redis)",
    async () => {
      const p = uniquePrefix();
      const results = await redis
        .multi()
        .set(`${p}:s`, "text")
        .hget(`${p}:s`, "field")
        .incr(`${p}:n`)
        .exec({ keepErrors: true });
      expect(results[1]?.error).toMatch(/^WRONGTYPE/);
      expect(results.map((slot) => slot.result)).toEqual(["OK", undefined, 1]);
    },
  );

  it("evaluates Lua with KEYS and ARGV, converting booleans like Redis", async () => {
    const key = `${uniquePrefix()}:k`;
    const script = "return {KEYS[1], ARGV[1], tonumber(ARGV[2]) + 1, {7, 'nested'}}";
    expect(await redis.eval(script, [key], ["a", 41])).toEqual([key, "a", 42, [7, "nested"]]);
    expect(await redis.eval("return true", [], [])).toBe(1);
    expect(await redis.eval("return false", [], [])).toBeNull();
  });

  it("caches scripts by the hash of the text sent, first-line flags included", async () => {
    // Unique text, so the hash cannot already be cached from an earlier run.
    const marker = crypto.randomUUID();
    const script = `#!lua flags=allow-key-locking\nreturn ARGV[1] .. "${marker}"`;
    const hash = await redis.scriptLoad(script);
    expect(hash).toBe(await sha1Hex(script));
    expect(await redis.evalsha(hash, [], ["x"])).toBe(`x${marker}`);
    expect(await redis.scriptExists(hash, "0".repeat(40))).toEqual([1, 0]);
    await expect(redis.evalsha("f".repeat(40), [], [])).rejects.toThrow(/NOSCRIPT/);
  });

  it("rejects a wrong token", async () => {
    const intruder = new Redis({ url, token: "not-the-token" });
    await expect(intruder.get(`${uniquePrefix()}:k`)).rejects.toThrow(/Unauthorized/);
  });
});

describe("Upstash REST stand-in over raw HTTP", () => {
  async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json<any>() };
  }

  it("answers 401 Unauthorized without the bearer token", async () => {
    const res = await fetch(url, { method: "POST", body: JSON.stringify(["PING"]) });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized" });
  });

  it("base64-encodes every string reply only when asked to", async () => {
    const key = `${uniquePrefix()}:k`;
    const base64 = { "Upstash-Encoding": "base64" };
    expect(await post("/", ["SET", key, "héllo"])).toEqual({ status: 200, body: { result: "OK" } });
    expect(await post("/", ["SET", key, "héllo"], base64)).toEqual({
      status: 200,
      body: { result: "T0s=" },
    });
    expect((await post("/", ["GET", key], base64)).body).toEqual({ result: "aMOpbGxv" });
    expect((await post("/", ["GET", key])).body).toEqual({ result: "héllo" });
    expect((await post("/", ["EXISTS", key], base64)).body).toEqual({ result: 1 });
    expect((await post("/", ["GET", `${key}:missing`], base64)).body).toEqual({ result: null });
  });

  it("answers a failing single command with 400 and the Redis error", async () => {
    const res = await post("/", ["NOSUCHCOMMAND", "x"]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^ERR unknown command/i);
  });

  it("discards a transaction with a command Redis refuses to queue (EXECABORT, 400)", async () => {
    const key = `${uniquePrefix()}:k`;
    const res = await post("/multi-exec", [["SET", key, "1"], ["NOSUCHCOMMAND"]]);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatch(/^EXECABORT/);
    expect((await post("/", ["GET", key])).body).toEqual({ result: null });
  });

  it("answers a health check without a token", async () => {
    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
  });
});

describe("@upstash/ratelimit on the stand-in", () => {
  // Hour-long windows: a test never straddles a window edge, which would reset a fixed window.
  it.each([
    ["slidingWindow", () => Ratelimit.slidingWindow(3, "1 h")],
    ["fixedWindow", () => Ratelimit.fixedWindow(3, "1 h")],
  ])(
    "%s allows exactly 3, then denies with a reset ahead, across two instances",
    async (_, limiter) => {
      const prefix = uniquePrefix();
      // Two clients and two limiters, as two Worker isolates would have. No ephemeral cache, so
      // every answer comes from Redis rather than an isolate's memory of earlier denials.
      const isolateLimiter = () =>
        new Ratelimit({
          redis: new Redis({ url, token }),
          limiter: limiter(),
          prefix,
          ephemeralCache: false,
        });
      const first = isolateLimiter();
      const second = isolateLimiter();
      const outcomes = [];
      for (const ratelimit of [first, second, first, second, first]) {
        outcomes.push(await ratelimit.limit("user-1"));
      }
      expect(outcomes.map((o) => o.success)).toEqual([true, true, true, false, false]);
      expect(outcomes.map((o) => o.remaining)).toEqual([2, 1, 0, 0, 0]);
      for (const denied of outcomes.slice(3)) expect(denied.reset).toBeGreaterThan(Date.now());
      expect((await second.limit("user-2")).success).toBe(true);
    },
  );
});

async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-1", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
