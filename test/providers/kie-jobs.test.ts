import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { standInFileUrl, standInTask, testKieProvider, waitForTaskState } from "../support/kie";
import { expectFailure, expectOk, fetchPng, modelById, submitInput } from "./kie-helpers";

// The production KieAI client against the stand-in over HTTP: the unified jobs API.
const provider = testKieProvider();

describe("KieAI jobs family (createTask + recordInfo)", () => {
  it("submits nano-banana and reads the success: resultJson parsed, files are PNGs", async () => {
    const input = submitInput("nano-banana");
    const { taskId } = expectOk(await provider.submit(input));
    expect(taskId).toMatch(/^task_google_/);
    const record = await waitForTaskState(taskId, "succeeded", { model: input.model });
    expect(record).toMatchObject({ taskId, failCode: null, failMessage: null });
    expect(record.completedAt).toBeInstanceOf(Date);
    expect(record.resultUrls).toHaveLength(1);
    const png = await fetchPng(record.resultUrls[0] as string);
    expect([png.width, png.height]).toEqual([256, 256]);
  });

  it("passes seedream's count as max_images and its ratio as a named size", async () => {
    const input = submitInput("seedream", { count: 3, aspectRatio: "16:9" });
    const { taskId } = expectOk(await provider.submit(input));
    const sent = (await standInTask(taskId)).spec.param.input as Record<string, unknown>;
    expect(sent).toMatchObject({ max_images: 3, image_size: "landscape_16_9" });
    expect(sent.prompt).toContain("Generate 3 separate images.");
    const record = await waitForTaskState(taskId, "succeeded", { model: input.model });
    expect(record.resultUrls).toHaveLength(3);
    const files = await Promise.all(record.resultUrls.map(fetchPng));
    for (const file of files) expect([file.width, file.height]).toEqual([256, 144]);
    expect(files[0]?.bytes).not.toEqual(files[1]?.bytes);
  });

  it("switches to the edit model when reference images are given", async () => {
    const references = [standInFileUrl("/files/test/png")];
    const cases = [
      ["nano-banana", "google/nano-banana-edit", "image_urls"],
      ["seedream", "bytedance/seedream-v4-edit", "image_urls"],
      ["flux", "flux-2/pro-image-to-image", "input_urls"],
    ] as const;
    for (const [modelId, editModel, field] of cases) {
      const plain = expectOk(await provider.submit(submitInput(modelId)));
      const plainTask = await standInTask(plain.taskId);
      expect(plainTask.spec.model).toBe(modelById(modelId).providerModelId);
      expect(plainTask.spec.param.input).not.toHaveProperty(field);

      const edit = expectOk(
        await provider.submit(submitInput(modelId, { referenceImageUrls: references })),
      );
      const editTask = await standInTask(edit.taskId);
      expect(editTask.spec.model).toBe(editModel);
      expect(editTask.spec.param).toMatchObject({
        model: editModel,
        input: { [field]: references },
      });
    }
  });

  it("keeps nano-banana-pro (no edit variant) and sends references in image_input", async () => {
    const references = [standInFileUrl("/files/test/png")];
    const input = submitInput("nano-banana-pro", {
      referenceImageUrls: references,
      resolution: "2K",
    });
    const { taskId } = expectOk(await provider.submit(input));
    expect((await standInTask(taskId)).spec.param).toMatchObject({
      model: "nano-banana-pro",
      callBackUrl: input.callbackUrl,
      input: { image_input: references, resolution: "2K", aspect_ratio: "1:1" },
    });
  });

  it("every configured jobs image model, in every offered ratio, is a request KieAI accepts", async () => {
    const models = getConfigs().models.filter((m) => m.type === "image" && m.apiFamily === "jobs");
    expect(models.length).toBeGreaterThanOrEqual(4);
    for (const model of models) {
      for (const aspectRatio of model.aspectRatios) {
        const result = await provider.submit(submitInput(model.id, { aspectRatio }));
        expect(result.ok, `${model.id} ${aspectRatio}: ${JSON.stringify(result)}`).toBe(true);
      }
    }
  });

  it("refuses a jobs model it has no request shape for, without calling KieAI", async () => {
    const unknown = { ...modelById("nano-banana"), providerModelId: "acme/anime-v9" };
    const error = expectFailure(
      await provider.submit(submitInput("nano-banana", { model: unknown })),
    );
    expect(error).toMatchObject({ kind: "invalid_request", retryable: false, httpStatus: null });
    expect(error.message).toContain("acme/anime-v9");
  });
});
