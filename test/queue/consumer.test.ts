import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import worker from "../../src/index";
import { createLogger } from "../../src/lib/logger";
import { BATCH_CONCURRENCY, consumeBatch, retryDelaySeconds } from "../../src/queue/consumer";

const silent = createLogger({ sink: () => {} });
const message = (id: string, body: unknown, attempts = 1) => ({
  id,
  timestamp: new Date(),
  attempts,
  body,
});

describe("queue consumer", () => {
  it("acks handled messages and retries failed ones with backoff", async () => {
    const seen: unknown[] = [];
    const batch = createMessageBatch("generation-events", [
      message("ok", { kind: "demo", n: 1 }),
      message("boom", { kind: "flaky" }, 3),
    ]);
    const ctx = createExecutionContext();
    const retry = vi.spyOn(batch.messages[1] as Message, "retry");
    await consumeBatch(
      batch,
      {
        demo: async (body) => {
          seen.push(body);
        },
        flaky: async () => {
          throw new Error("provider timeout");
        },
      },
      silent,
      { deadLetter: false },
    );
    const result = await getQueueResult(batch, ctx);
    expect(seen).toEqual([{ kind: "demo", n: 1 }]);
    expect(result.explicitAcks).toEqual(["ok"]);
    expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["boom"]);
    expect(retry).toHaveBeenCalledWith({ delaySeconds: retryDelaySeconds(3) });
  });

  it("handles up to BATCH_CONCURRENCY messages of a batch at once, and acks every one", async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
    const batch = createMessageBatch(
      "generation-events",
      ids.map((id) => message(id, { kind: "slow" })),
    );
    const ctx = createExecutionContext();
    let inFlight = 0;
    let most = 0;
    await consumeBatch(
      batch,
      {
        slow: async () => {
          inFlight++;
          most = Math.max(most, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 20));
          inFlight--;
        },
      },
      silent,
      { deadLetter: false },
    );
    const result = await getQueueResult(batch, ctx);
    expect(most).toBe(BATCH_CONCURRENCY);
    expect([...result.explicitAcks].sort()).toEqual([...ids].sort());
  });

  it("backs off exponentially up to ten minutes", () => {
    expect([1, 2, 3, 4].map(retryDelaySeconds)).toEqual([10, 20, 40, 80]);
    expect(retryDelaySeconds(20)).toBe(600);
  });

  it("is wired into the Worker: malformed bodies are logged and acked, unknown kinds retried", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const batch = createMessageBatch("generation-events", [
        message("junk", "not an envelope"),
        message("future", { kind: "from.a.newer.deploy" }),
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env as never, ctx);
      const result = await getQueueResult(batch, ctx);
      expect(result.explicitAcks).toEqual(["junk"]);
      expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["future"]);
      const lines = log.mock.calls.map(([line]) => JSON.parse(String(line)));
      expect(lines.find((l) => l.msg === "queue: malformed message dropped")?.body).toBe(
        "not an envelope",
      );
    } finally {
      log.mockRestore();
    }
  });

  it("acks dead letters nobody handles instead of looping", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const batch = createMessageBatch("generation-events-dlq", [
        message("dead", { kind: "unknown" }, 6),
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, env as never, ctx);
      expect((await getQueueResult(batch, ctx)).explicitAcks).toEqual(["dead"]);
    } finally {
      log.mockRestore();
    }
  });
});
