import { describe, expect, it } from "vitest";
import type { PipelineDeps } from "../../src/generations/pipeline-deps";
import { readJobsRecord } from "../../src/providers/kie/jobs";
import type { TaskRecord } from "../../src/providers/types";
import { useTestDatabase } from "../support/db";
import { createGeneration } from "../support/fixtures";
import {
  deliverCheck,
  generationRow,
  pipelineAssertions,
  testPipelineDeps,
} from "../support/pipeline";

const db = useTestDatabase();
const { creator } = pipelineAssertions(db);

/** A provider whose record-info says the task failed, reporting what it charged. */
function failingProvider(base: PipelineDeps["provider"], costCredits: number | null) {
  const provider: PipelineDeps["provider"] = {
    submit: (input) => base.submit(input),
    async recordInfo(_model, taskId) {
      const value: TaskRecord = {
        taskId,
        state: "failed",
        resultUrls: [],
        posterUrl: null,
        progress: null,
        failCode: "500",
        failMessage: "content policy",
        costCredits,
        completedAt: new Date(),
      };
      return { ok: true, value };
    },
  };
  return provider;
}

describe("provider spend on the generation", () => {
  it("a task the provider failed keeps the credits the provider reported (the spend view counts it)", async () => {
    const userId = await creator();
    const { deps: base } = testPipelineDeps(db());
    for (const [cost, stored] of [
      [6, 6],
      [null, null],
    ] as const) {
      const deps = { ...base, provider: failingProvider(base.provider, cost) };
      const row = await createGeneration(db(), userId, {
        status: "processing",
        remoteTaskId: `task-${crypto.randomUUID()}`,
      });
      expect(await deliverCheck(deps, row.uuid)).toBe("failed");
      expect(await generationRow(db(), row.uuid)).toMatchObject({
        status: "failed",
        errorCode: "PROVIDER_FAILED",
        providerCost: stored,
      });
    }
  });

  it("the jobs family reads the consumed credits when an answer carries them", () => {
    const record = (extra: Record<string, unknown>) =>
      readJobsRecord({ taskId: "task_1", state: "fail", failMsg: "no", ...extra });
    const costOf = (extra: Record<string, unknown>) => {
      const result = record(extra);
      return result.ok ? result.value.costCredits : "bad";
    };
    expect(costOf({ creditsConsumed: 12 })).toBe(12);
    expect(costOf({ consumeCredits: "3.5" })).toBe(3.5);
    expect(costOf({})).toBeNull();
  });
});
