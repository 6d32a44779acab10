import { describe, expect, it } from "vitest";
import {
  completeTask,
  standInFileUrl,
  standInTask,
  testKieProvider,
  waitForTaskState,
} from "../support/kie";
import { expectFailure, expectOk, fetchPng, submitInput } from "./kie-helpers";

// The production KieAI client against the stand-in over HTTP: the 4o Image API.
const provider = testKieProvider();

describe("KieAI 4o image family (generate + record-info)", () => {
  it("asks for nVariants images and reads response.resultUrls; files are distinct PNGs", async () => {
    const input = submitInput("gpt-4o-image", { count: 2, aspectRatio: "3:2" });
    const { taskId } = expectOk(await provider.submit(input));
    expect(taskId).toMatch(/^[0-9a-f]{32}$/);
    expect((await standInTask(taskId)).spec.param).toMatchObject({
      prompt: input.prompt,
      size: "3:2",
      nVariants: 2,
      callBackUrl: input.callbackUrl,
    });
    const record = await waitForTaskState(taskId, "succeeded", { model: input.model });
    expect(record).toMatchObject({ progress: 100, failCode: null, failMessage: null });
    expect(record.completedAt).toBeInstanceOf(Date);
    const files = await Promise.all(record.resultUrls.map(fetchPng));
    expect(files.map((f) => [f.width, f.height])).toEqual([
      [256, 171],
      [256, 171],
    ]);
    expect(files[0]?.bytes).not.toEqual(files[1]?.bytes);
  });

  it("sends reference images as filesUrl and returns four images for nVariants 4", async () => {
    const references = [standInFileUrl("/files/test/png")];
    const input = submitInput("gpt-4o-image", { count: 4, referenceImageUrls: references });
    const { taskId } = expectOk(await provider.submit(input));
    expect((await standInTask(taskId)).spec.param).toMatchObject({ filesUrl: references });
    const record = await waitForTaskState(taskId, "succeeded", { model: input.model });
    expect(record.resultUrls).toHaveLength(4);
  });

  it("reports a running task with its progress string read as a percentage", async () => {
    const input = submitInput("gpt-4o-image", { prompt: "a slow river [slow]" });
    const { taskId } = expectOk(await provider.submit(input));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const running = expectOk(await provider.recordInfo(input.model, taskId));
    expect(running).toMatchObject({ state: "running", resultUrls: [], completedAt: null });
    expect(running.progress).toBeGreaterThanOrEqual(0);
    expect(running.progress).toBeLessThan(100);
    await completeTask(taskId);
    await waitForTaskState(taskId, "succeeded", { model: input.model });
  });

  it("gets KieAI's refusal for a count the API does not take", async () => {
    const error = expectFailure(await provider.submit(submitInput("gpt-4o-image", { count: 3 })));
    expect(error).toMatchObject({
      kind: "invalid_request",
      httpStatus: 200,
      providerCode: 422,
      retryable: false,
      message: "nVariants must be 1, 2 or 4",
    });
  });
});
