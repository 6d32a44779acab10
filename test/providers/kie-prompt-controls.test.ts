import { describe, expect, it } from "vitest";
import {
  completeTask,
  recordedCallbacks,
  setTaskResults,
  standInFileUrl,
  testKieProvider,
  waitForTaskState,
} from "../support/kie";
import { expectOk, submitInput } from "./kie-helpers";

// The stand-in's prompt controls (SPEC §8), seen through the production client.
const provider = testKieProvider();

async function start(modelId: string, prompt: string, count = 1) {
  const input = submitInput(modelId, { prompt, count });
  const { taskId } = expectOk(await provider.submit(input));
  return { input, taskId };
}

const bodies = async (taskId: string) =>
  (await recordedCallbacks(taskId)).map((d) => JSON.parse(d.body) as Record<string, any>);

describe("KieAI stand-in prompt controls", () => {
  it("a plain task succeeds and calls back once, signed, to its callBackUrl", async () => {
    const { input, taskId } = await start("z-image", "a paper crane");
    await waitForTaskState(taskId, "succeeded", { model: input.model });
    const deliveries = await recordedCallbacks(taskId);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      url: input.callbackUrl,
      headers: { "content-type": "application/json" },
    });
    expect(deliveries[0]?.headers["x-webhook-signature"]).toMatch(/^[A-Za-z0-9+/]{43}=$/);
    const [body] = await bodies(taskId);
    expect(body).toMatchObject({ code: 200, data: { taskId, state: "success" } });
    expect(JSON.parse(body?.data.resultJson).resultUrls).toHaveLength(1);
  });

  it("[fail] fails the task in record-info and in a failure callback, for both families", async () => {
    const jobs = await start("nano-banana", "a broken vase [fail]");
    const failed = await waitForTaskState(jobs.taskId, "failed", { model: jobs.input.model });
    expect(failed).toMatchObject({ resultUrls: [], failCode: "400" });
    expect(failed.failMessage).toContain("[fail]");
    expect(await bodies(jobs.taskId)).toMatchObject([{ code: 501, data: { state: "fail" } }]);

    const gpt4o = await start("gpt-4o-image", "a broken vase [FAIL]", 2);
    const failed4o = await waitForTaskState(gpt4o.taskId, "failed", { model: gpt4o.input.model });
    expect(failed4o).toMatchObject({ resultUrls: [], failCode: "400" });
    expect(await bodies(gpt4o.taskId)).toMatchObject([{ code: 400, data: { info: null } }]);
  });

  it("[partial] succeeds with half the requested images, rounded down", async () => {
    const four = await start("gpt-4o-image", "four seasons [partial]", 4);
    const record = await waitForTaskState(four.taskId, "succeeded", { model: four.input.model });
    expect(record.resultUrls).toHaveLength(2);
    const three = await start("seedream", "three foxes [partial]", 3);
    const seedream = await waitForTaskState(three.taskId, "succeeded", {
      model: three.input.model,
    });
    expect(seedream.resultUrls).toHaveLength(1);
    const missing = await fetch(seedream.resultUrls[0]?.replace("/0.png", "/1.png") ?? "");
    expect(missing.status).toBe(404);
  });

  it("[dup-callback] sends the same success callback three times", async () => {
    const { input, taskId } = await start("gpt-4o-image", "an echo [dup-callback]");
    await waitForTaskState(taskId, "succeeded", { model: input.model });
    const sent = await bodies(taskId);
    expect(sent).toHaveLength(3);
    for (const body of sent) expect(body).toMatchObject({ code: 200, data: { taskId } });
  });

  it("[no-callback] completes (record-info says so) but never calls back", async () => {
    const { input, taskId } = await start("nano-banana", "a quiet garden [no-callback]");
    await waitForTaskState(taskId, "succeeded", { model: input.model });
    await completeTask(taskId);
    expect(await recordedCallbacks(taskId)).toEqual([]);
  });

  it("[slow] is still running after the normal delay; completeTask finishes it at once", async () => {
    const { input, taskId } = await start("nano-banana", "a slow snail [slow]");
    await new Promise((resolve) => setTimeout(resolve, 900));
    const early = expectOk(await provider.recordInfo(input.model, taskId));
    expect(["queued", "running"]).toContain(early.state);
    expect(await recordedCallbacks(taskId)).toEqual([]);
    await completeTask(taskId);
    expect(expectOk(await provider.recordInfo(input.model, taskId)).state).toBe("succeeded");
    await completeTask(taskId);
    expect(await recordedCallbacks(taskId)).toHaveLength(1);
  });

  it("setTaskResults replaces the result URLs in record-info and in the callback", async () => {
    const { input, taskId } = await start("gpt-4o-image", "an override [slow]");
    const urls = [standInFileUrl("/files/test/not-an-image"), "https://169.254.169.254/latest"];
    await setTaskResults(taskId, urls);
    await completeTask(taskId);
    const record = await waitForTaskState(taskId, "succeeded", { model: input.model });
    expect(record.resultUrls).toEqual(urls);
    expect((await bodies(taskId))[0]?.data.info.result_urls).toEqual(urls);
  });
});
