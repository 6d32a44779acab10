import { describe, expect, it } from "vitest";
import { createGeneration as createGenerationService } from "../../src/generations/create";
import { failGeneration } from "../../src/generations/lifecycle";
import type { PipelineDeps } from "../../src/generations/pipeline-deps";
import { sweepGenerations } from "../../src/generations/sweeper";
import { useTestDatabase } from "../support/db";
import { createGeneration } from "../support/fixtures";
import { completeTask, recordedCallbacks, waitForTaskState } from "../support/kie";
import {
  deliverCheck,
  generationRow,
  imageRequest,
  pipelineAssertions,
  startGeneration,
  testPipelineDeps,
} from "../support/pipeline";

// Several connections, so the race below really interleaves on a PostgreSQL server.
const db = useTestDatabase({ max: 10 });
const { creator, balanceOf, refundsOf, objectsUnder } = pipelineAssertions(db);

describe("a submission that outlives the generation", () => {
  it("still records its task, so results arriving later are saved (refund stands)", async () => {
    const userId = await creator();
    const { deps: base } = testPipelineDeps(db());
    // The sweeper gives up on the generation while KieAI is still answering the submission.
    const provider: PipelineDeps["provider"] = {
      recordInfo: (model, taskId) => base.provider.recordInfo(model, taskId),
      async submit(input) {
        const uuid = new URL(input.callbackUrl).pathname.split("/").pop() as string;
        await failGeneration(db(), {
          uuid,
          errorCode: "SUBMISSION_LOST",
          errorMessage: "gave up",
          now: new Date(),
        });
        return base.provider.submit(input);
      },
    };
    const deps = { ...base, provider };
    const { generation } = await createGenerationService(deps, {
      userId,
      request: imageRequest(),
      idempotencyKey: null,
    });
    expect(generation).toMatchObject({ status: "failed", errorCode: "SUBMISSION_LOST" });
    expect(generation.remoteTaskId).toBeTruthy();
    await completeTask(generation.remoteTaskId as string);
    await waitForTaskState(generation.remoteTaskId as string, "succeeded");
    expect(await deliverCheck(deps, generation.uuid)).toBe("late_success");
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
    expect(await balanceOf(userId)).toBe(200);
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
  });
});

describe("sweeper", () => {
  it("[no-callback]: polls a quiet task through the queue path and completes it", async () => {
    const userId = await creator();
    const { deps, queue } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "a silent forest [no-callback]" }),
    );
    expect(await recordedCallbacks(taskId)).toHaveLength(0);
    const later = new Date(generation.createdAt.getTime() + 60_000);
    const sweep = testPipelineDeps(db(), { now: () => later, queue }).deps;
    expect(await sweepGenerations(sweep, { userId })).toEqual({
      polled: 1,
      timedOut: 0,
      abandoned: 0,
    });
    expect(queue.sent).toEqual([
      {
        kind: "generation.check",
        generationUuid: generation.uuid,
        taskId: null,
        source: "sweeper",
      },
    ]);
    // The next run does not queue it again while that check is pending.
    await sweepGenerations(sweep, { userId });
    expect(queue.sent).toHaveLength(1);
    expect(await deliverCheck(deps, generation.uuid, "sweeper")).toBe("succeeded");
  });

  it("fails and refunds a task past its model's deadline, and a pending one that never got a task id", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "x [slow]" }),
      {
        finish: false,
      },
    );
    const deadline = deps.configs.models.find((m) => m.id === "gpt-4o-image")?.polling
      .deadlineSeconds as number;
    const after = new Date(generation.createdAt.getTime() + (deadline + 1) * 1000);
    const lost = await createGeneration(db(), userId, { createdAt: generation.createdAt });
    const sweep = testPipelineDeps(db(), { now: () => after }).deps;
    expect(await sweepGenerations(sweep, { userId })).toEqual({
      polled: 0,
      timedOut: 1,
      abandoned: 1,
    });
    expect(await generationRow(db(), lost.uuid)).toMatchObject({
      status: "failed",
      errorCode: "SUBMISSION_LOST",
    });
    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({ status: "failed", errorCode: "DEADLINE_EXCEEDED" });
    expect(await balanceOf(userId)).toBe(200);
    await sweepGenerations(sweep, { userId });
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
  });
});

describe("consumer and sweeper racing", () => {
  it("three deliveries and two sweeps past the deadline at once: one outcome, at most one refund", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId);
    const deadline = deps.configs.models.find((m) => m.id === "gpt-4o-image")?.polling
      .deadlineSeconds as number;
    const after = new Date(generation.createdAt.getTime() + (deadline + 1) * 1000);
    const sweeper = testPipelineDeps(db(), { now: () => after }).deps;
    await Promise.all([
      deliverCheck(deps, generation.uuid),
      sweepGenerations(sweeper, { userId }),
      deliverCheck(deps, generation.uuid),
      sweepGenerations(sweeper, { userId }),
      deliverCheck(deps, generation.uuid),
    ]);
    // Whoever won, the images are the creator's; a refund only if the sweeper won.
    await deliverCheck(deps, generation.uuid);
    const row = await generationRow(db(), generation.uuid);
    expect(row.successCount).toBe(2);
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
    const refunds = await refundsOf(generation.uuid);
    if (row.status === "succeeded") {
      expect(refunds).toHaveLength(0);
      expect(await balanceOf(userId)).toBe(200 - 32);
    } else {
      expect(row.errorCode).toBe("DEADLINE_EXCEEDED");
      expect(refunds).toHaveLength(1);
      expect(await balanceOf(userId)).toBe(200);
    }
  });
});
