import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { spendCredits } from "../../src/credits/service";
import { checkGenerationMessage } from "../../src/generations/messages";
import worker from "../../src/index";
import { useTestDatabase } from "../support/db";
import { createGeneration } from "../support/fixtures";
import { generationRow, pipelineAssertions } from "../support/pipeline";

const db = useTestDatabase();
const { creator, balanceOf, refundsOf } = pipelineAssertions(db);

/** A generation that spent its credits and is waiting on the provider. */
async function openGeneration(overrides: Parameters<typeof createGeneration>[2] = {}) {
  const userId = await creator(100);
  const generation = await createGeneration(db(), userId, { creditsCost: 16, ...overrides });
  await spendCredits(db(), {
    userId,
    amount: 16,
    sourceId: generation.uuid,
    generationUuid: generation.uuid,
    now: new Date(),
  });
  return { userId, generation };
}

async function consume(queue: string, body: unknown, attempts = 1) {
  const batch = createMessageBatch(queue, [{ id: "m1", timestamp: new Date(), attempts, body }]);
  const ctx = createExecutionContext();
  await worker.queue(batch, env as never, ctx);
  return getQueueResult(batch, ctx);
}

describe("generation checks through the Worker's queue handlers", () => {
  it("retries a check that came before the create recorded its task id", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const { generation } = await openGeneration({ status: "pending" });
      const result = await consume(
        "generation-events",
        checkGenerationMessage(generation.uuid, "callback", "task-early"),
      );
      expect(result.retryMessages.map((m: { msgId: string }) => m.msgId)).toEqual(["m1"]);
      expect((await generationRow(db(), generation.uuid)).status).toBe("pending");
    } finally {
      log.mockRestore();
    }
  });

  it("the dead-letter consumer fails the generation and refunds it, once", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    try {
      const { userId, generation } = await openGeneration({
        status: "processing",
        remoteTaskId: `task-${crypto.randomUUID()}`,
      });
      expect(await balanceOf(userId)).toBe(84);
      const message = checkGenerationMessage(generation.uuid, "callback");
      for (const attempts of [6, 7]) {
        const result = await consume("generation-events-dlq", message, attempts);
        expect(result.explicitAcks).toEqual(["m1"]);
      }
      expect(await generationRow(db(), generation.uuid)).toMatchObject({
        status: "failed",
        errorCode: "INGEST_FAILED",
      });
      expect(await refundsOf(generation.uuid)).toHaveLength(1);
      expect(await balanceOf(userId)).toBe(100);
    } finally {
      log.mockRestore();
    }
  });
});
