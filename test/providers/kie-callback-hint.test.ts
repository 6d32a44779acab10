import { describe, expect, it } from "vitest";
import { parseKieCallbackHint } from "../../src/providers/kie";
import { completeTask, recordedCallbacks, testKieProvider, waitForTaskState } from "../support/kie";
import { expectOk, submitInput } from "./kie-helpers";

// Callback bodies as KieAI documents them for each family (docs.kie.ai callback pages).
const JOBS = {
  code: 200,
  msg: "Playground task completed successfully.",
  data: {
    completeTime: 1755599644000,
    costTime: 8,
    createTime: 1755599634000,
    model: "google/nano-banana-edit",
    param: '{"model":"google/nano-banana-edit"}',
    resultJson: '{"resultUrls":["https://example.com/generated-image.jpg"]}',
    state: "success",
    taskId: "e989621f54392584b05867f87b160672",
    failCode: null,
    failMsg: null,
  },
};
const GPT4O = {
  code: 200,
  msg: "Gpt4o-image generated successfully.",
  data: { taskId: "task12345", info: { result_urls: ["https://example.com/result/image1.png"] } },
};
const VEO = {
  code: 200,
  msg: "Veo3.1 video generated successfully.",
  data: {
    taskId: "veo_task_abcdef123456",
    info: { resultUrls: ["http://example.com/video1.mp4"], resolution: "1080p" },
    fallbackFlag: false,
  },
};
const RUNWAY = {
  code: 200,
  msg: "All generated successfully.",
  data: {
    task_id: "ee603959-debb-48d1-98c4-a6d1c717eba6",
    video_id: "485da89c-7fca-4340-8c04-101025b2ae71",
    video_url: "https://file.com/k/xxxxxxx.mp4",
    image_url: "https://file.com/m/xxxxxxxx.png",
  },
};

describe("parseKieCallbackHint", () => {
  it("finds the task id in every family's callback shape", () => {
    expect(parseKieCallbackHint(JOBS)).toEqual({ taskId: "e989621f54392584b05867f87b160672" });
    expect(parseKieCallbackHint(GPT4O)).toEqual({ taskId: "task12345" });
    expect(parseKieCallbackHint(VEO)).toEqual({ taskId: "veo_task_abcdef123456" });
    expect(parseKieCallbackHint(RUNWAY)).toEqual({
      taskId: "ee603959-debb-48d1-98c4-a6d1c717eba6",
    });
  });

  it("finds it in failure callbacks too (they carry no results)", () => {
    const failed = {
      code: 501,
      msg: "Playground task failed.",
      data: { taskId: "bd3a37c5", state: "fail" },
    };
    expect(parseKieCallbackHint(failed)).toEqual({ taskId: "bd3a37c5" });
    expect(
      parseKieCallbackHint({ code: 400, msg: "x", data: { taskId: "t1", info: null } }),
    ).toEqual({
      taskId: "t1",
    });
  });

  it("answers null for anything else, without throwing", () => {
    for (const body of [
      null,
      undefined,
      "task12345",
      [],
      {},
      { taskId: "top-level-is-not-a-shape-kie-sends" },
      { data: null },
      { data: [] },
      { data: { taskId: 42 } },
      { data: { taskId: "" } },
      { data: { taskId: "../../etc/passwd" } },
      { data: { task_id: "a".repeat(500) } },
    ]) {
      expect(parseKieCallbackHint(body)).toEqual({ taskId: null });
    }
  });

  it("reads the stand-in's own callbacks of both implemented families", async () => {
    const provider = testKieProvider();
    for (const modelId of ["z-image", "gpt-4o-image"]) {
      const input = submitInput(modelId);
      const { taskId } = expectOk(await provider.submit(input));
      await completeTask(taskId);
      await waitForTaskState(taskId, "succeeded", { model: input.model });
      const [delivery] = await recordedCallbacks(taskId);
      expect(delivery?.url).toBe(input.callbackUrl);
      expect(parseKieCallbackHint(JSON.parse(delivery?.body ?? "null"))).toEqual({ taskId });
    }
  });
});
