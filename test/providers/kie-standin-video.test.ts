import { describe, expect, it } from "vitest";
import {
  completeTask,
  kieApi,
  recordedCallbacks,
  setTaskResults,
  standInFileUrl,
  standInTask,
} from "../support/kie";
import { fetchPng } from "./kie-helpers";

import {
  callbacks,
  created,
  DATE_TIME,
  IMAGE,
  JOBS,
  jobsRefusal,
  jobsTask,
  prompt,
  RUNWAY,
  record,
  refusal,
  runwayBody,
  UUID,
  VEO,
  veoBody,
} from "./standin-video-helpers";

// The KieAI stand-in's video families, called over HTTP below the production client: what it
// accepts, how it answers record reads and callbacks, and the MP4 it serves (SPEC §5.6, §8).

describe("KieAI stand-in: Sora 2 and Kling 2.6 on the jobs API", () => {
  it("runs a sora-2 task: one MP4 and its watermarked copy in resultJson, called back", async () => {
    const taskId = await jobsTask("sora-2-text-to-video", {
      prompt: prompt("[slow]"),
      n_frames: "15",
      remove_watermark: true,
    });
    expect(await record(JOBS, taskId)).toMatchObject({ resultJson: "", failCode: "" });
    await completeTask(taskId);
    const done = await record(JOBS, taskId);
    expect(done).toMatchObject({ taskId, model: "sora-2-text-to-video", state: "success" });
    expect(typeof done.resultJson).toBe("string");
    const result = JSON.parse(done.resultJson);
    expect(result.resultUrls).toEqual([standInFileUrl(`/files/${taskId}/0.mp4`)]);
    expect(result.resultWaterMarkUrls).toHaveLength(1);
    expect(result.resultWaterMarkUrls[0]).not.toBe(result.resultUrls[0]);
    expect(await standInTask(taskId)).toMatchObject({
      family: "jobs",
      spec: { media: "video", count: 1, aspectRatio: "16:9" },
    });
    expect(await callbacks(taskId)).toEqual([
      { code: 200, msg: "Playground task completed successfully.", data: done },
    ]);
  });

  it("takes sora's orientation and string frame counts; only the pro model takes a size", async () => {
    const portrait = await jobsTask("sora-2-pro-text-to-video", {
      aspect_ratio: "portrait",
      size: "high",
    });
    expect((await standInTask(portrait)).spec.aspectRatio).toBe("9:16");
    expect(await jobsRefusal("sora-2-text-to-video", { size: "high" })).toContain("size");
    expect(await jobsRefusal("sora-2-pro-text-to-video", { size: "4k" })).toContain("size");
    expect(await jobsRefusal("sora-2-text-to-video", { n_frames: 10 })).toContain("n_frames");
    expect(await jobsRefusal("sora-2-text-to-video", { aspect_ratio: "16:9" })).toContain(
      "aspect_ratio",
    );
  });

  it("needs exactly one image_urls entry for the image-to-video models", async () => {
    for (const model of ["sora-2-image-to-video", "sora-2-pro-image-to-video"]) {
      expect(await jobsRefusal(model, {})).toBe("image_urls is required");
      expect(await jobsRefusal(model, { image_urls: [IMAGE, IMAGE] })).toContain("image_urls");
      await jobsTask(model, { image_urls: [IMAGE] });
    }
    expect(await jobsRefusal("kling-2.6/image-to-video", {})).toBe("image_urls is required");
    const kling = await jobsTask("kling-2.6/image-to-video", { image_urls: [IMAGE] });
    expect((await standInTask(kling)).spec.param).toMatchObject({ input: { image_urls: [IMAGE] } });
    const shaped = { image_urls: [IMAGE], aspect_ratio: "16:9" };
    expect(await jobsRefusal("kling-2.6/image-to-video", shaped)).toContain("aspect_ratio");
  });

  it("checks kling's ratio, string duration and sound flag; its resultJson has no watermark list", async () => {
    expect(await jobsRefusal("kling-2.6/text-to-video", { aspect_ratio: "4:3" })).toContain(
      "aspect_ratio",
    );
    expect(await jobsRefusal("kling-2.6/text-to-video", { duration: 5 })).toContain("duration");
    expect(await jobsRefusal("kling-2.6/text-to-video", { sound: "yes" })).toContain("sound");
    const taskId = await jobsTask("kling-2.6/text-to-video", { duration: "10", sound: true });
    expect((await standInTask(taskId)).spec.aspectRatio).toBe("16:9");
    await completeTask(taskId);
    expect(JSON.parse((await record(JOBS, taskId)).resultJson)).toEqual({
      resultUrls: [standInFileUrl(`/files/${taskId}/0.mp4`)],
    });
  });

  it("[fail] fails and [partial] succeeds with no video at all", async () => {
    const failed = await jobsTask("kling-2.6/text-to-video", { prompt: prompt("[fail]") });
    await completeTask(failed);
    expect(await record(JOBS, failed)).toMatchObject({ state: "fail", resultJson: "" });
    expect(await callbacks(failed)).toMatchObject([{ code: 501, data: { state: "fail" } }]);
    const partial = await jobsTask("sora-2-text-to-video", { prompt: prompt("[partial]") });
    await completeTask(partial);
    const done = await record(JOBS, partial);
    expect(done.state).toBe("success");
    expect(JSON.parse(done.resultJson)).toMatchObject({ resultUrls: [] });
    expect((await fetch(standInFileUrl(`/files/${partial}/0.mp4`))).status).toBe(404);
  });
});

describe("KieAI stand-in: Veo 3", () => {
  it("answers record-info while generating and after success, and calls back the same URLs", async () => {
    const request = veoBody({ prompt: prompt("[slow]"), aspect_ratio: "9:16", seeds: 12345 });
    const taskId = await created(VEO, request);
    expect(taskId).toMatch(/^veo_task_[0-9a-f]+$/);
    const running = await record(VEO, taskId);
    expect(running).toMatchObject({ successFlag: 0, response: null, completeTime: null });
    expect(JSON.parse(running.paramJson)).toEqual(request);
    expect(running.createTime).toMatch(DATE_TIME);
    await completeTask(taskId);
    const done = await record(VEO, taskId);
    expect(done).toMatchObject({ taskId, successFlag: 1, errorCode: null, fallbackFlag: false });
    expect(done.completeTime).toMatch(DATE_TIME);
    const video = standInFileUrl(`/files/${taskId}/0.mp4`);
    expect(done.response).toMatchObject({ taskId, resultUrls: [video], resolution: "1080p" });
    expect(done.response.originUrls).toHaveLength(1);
    const { taskId: _, ...info } = done.response;
    expect(await callbacks(taskId)).toEqual([
      {
        code: 200,
        msg: "Veo3.1 video generated successfully.",
        data: { taskId, info, fallbackFlag: false },
      },
    ]);
    expect((await standInTask(taskId)).family).toBe("veo");
  });

  it("renders veo3_fast at 720p and checks frames against the generation type", async () => {
    const fast = await created(VEO, veoBody({ model: "veo3_fast", aspect_ratio: "Auto" }));
    await completeTask(fast);
    expect((await record(VEO, fast)).response.resolution).toBe("720p");
    const three = [IMAGE, IMAGE, IMAGE];
    const reference = { generationType: "REFERENCE_2_VIDEO", imageUrls: three };
    await created(VEO, veoBody({ ...reference, model: "veo3_fast" }));
    expect(await refusal(VEO, veoBody(reference))).toContain("veo3_fast");
    const text = { generationType: "TEXT_2_VIDEO", imageUrls: [IMAGE] };
    expect(await refusal(VEO, veoBody(text))).toContain("imageUrls");
    // Frames without a type mean first-and-last frames: at most two.
    await created(VEO, veoBody({ imageUrls: [IMAGE, IMAGE] }));
    expect(await refusal(VEO, veoBody({ imageUrls: three }))).toContain("FIRST_AND_LAST");
    expect(await refusal(VEO, veoBody({ model: undefined }))).toContain("model");
    expect(await refusal(VEO, veoBody({ aspect_ratio: "1:1" }))).toContain("aspect_ratio");
    expect(await refusal(VEO, veoBody({ seeds: 5 }))).toContain("seeds");
  });

  it("[fail] is successFlag 3 with an error; [partial] is a success with no video", async () => {
    const failed = await created(VEO, veoBody({ prompt: prompt("[fail]") }));
    await completeTask(failed);
    const record3 = await record(VEO, failed);
    expect(record3).toMatchObject({ successFlag: 3, response: null, errorCode: 400 });
    expect(record3.errorMessage).toContain("[fail]");
    expect(await callbacks(failed)).toEqual([
      {
        code: 400,
        msg: record3.errorMessage,
        data: { taskId: failed, info: null, fallbackFlag: false },
      },
    ]);
    const partial = await created(VEO, veoBody({ prompt: prompt("[partial] [no-callback]") }));
    await completeTask(partial);
    const done = await record(VEO, partial);
    expect(done).toMatchObject({ successFlag: 1, response: { resultUrls: [], originUrls: [] } });
    expect(await recordedCallbacks(partial)).toEqual([]);
  });

  it("knows a task only on its own family's record endpoint", async () => {
    const taskId = await created(VEO, veoBody());
    for (const path of [RUNWAY.record, JOBS.record]) {
      const { body } = await kieApi(`${path}?taskId=${taskId}`);
      expect(body).toEqual({ code: 422, msg: "recordInfo is null", data: null });
    }
  });
});

describe("KieAI stand-in: Runway", () => {
  it("answers record-detail and calls back in snake_case with the video and its poster", async () => {
    const request = runwayBody({ prompt: prompt("[slow]"), waterMark: "" });
    const taskId = await created(RUNWAY, request);
    expect(taskId).toMatch(UUID);
    const waiting = await record(RUNWAY, taskId);
    expect(["wait", "queueing", "generating"]).toContain(waiting.state);
    expect(waiting).toMatchObject({ videoInfo: null, parentTaskId: "", expireFlag: 0 });
    expect(waiting.generateParam).toEqual({
      prompt: request.prompt,
      imageUrl: "",
      expandPrompt: true,
    });
    await completeTask(taskId);
    const done = await record(RUNWAY, taskId);
    expect(done).toMatchObject({ state: "success", failCode: null, failMsg: "" });
    expect(done.generateTime).toMatch(DATE_TIME);
    const { videoId, videoUrl, imageUrl } = done.videoInfo;
    expect(videoId).toMatch(UUID);
    expect(videoUrl).toBe(standInFileUrl(`/files/${taskId}/0.mp4`));
    expect(imageUrl).toBe(standInFileUrl(`/files/${taskId}/poster.png`));
    const poster = await fetchPng(imageUrl);
    expect([poster.width, poster.height]).toEqual([144, 256]);
    expect(await callbacks(taskId)).toEqual([
      {
        code: 200,
        msg: "All generated successfully.",
        data: { task_id: taskId, video_id: videoId, video_url: videoUrl, image_url: imageUrl },
      },
    ]);
    expect(await standInTask(taskId)).toMatchObject({ family: "runway", posterUrl: imageUrl });
  });

  it("refuses 1080p for 10 s, and a missing ratio unless an image gives the shape", async () => {
    const long = runwayBody({ quality: "1080p", duration: 10 });
    expect(await refusal(RUNWAY, long)).toBe("1080p cannot be combined with a 10 s video");
    await created(RUNWAY, runwayBody({ quality: "1080p", duration: 5 }));
    expect(await refusal(RUNWAY, runwayBody({ aspectRatio: undefined }))).toContain("aspectRatio");
    const withImage = await created(
      RUNWAY,
      runwayBody({ aspectRatio: undefined, imageUrl: IMAGE }),
    );
    expect((await record(RUNWAY, withImage)).generateParam.imageUrl).toBe(IMAGE);
    expect(await refusal(RUNWAY, runwayBody({ imageUrl: "frame.png" }))).toContain("imageUrl");
    expect(await refusal(RUNWAY, runwayBody({ duration: "5" }))).toContain("duration");
    expect(await refusal(RUNWAY, runwayBody({ quality: "4k" }))).toContain("quality");
    expect(await refusal(RUNWAY, runwayBody({ aspectRatio: "21:9" }))).toContain("aspectRatio");
  });

  it("[fail] fails with empty snake_case fields; [partial] keeps the poster but no video", async () => {
    const failed = await created(RUNWAY, runwayBody({ prompt: prompt("[fail]") }));
    await completeTask(failed);
    const record4 = await record(RUNWAY, failed);
    expect(record4).toMatchObject({ state: "fail", videoInfo: null, failCode: 400 });
    expect(await callbacks(failed)).toEqual([
      {
        code: 400,
        msg: record4.failMsg,
        data: { task_id: failed, video_id: "", video_url: "", image_url: "" },
      },
    ]);
    const partial = await created(RUNWAY, runwayBody({ prompt: prompt("[partial]") }));
    await completeTask(partial);
    const { videoInfo } = await record(RUNWAY, partial);
    expect(videoInfo).toMatchObject({ videoUrl: "", imageUrl: expect.stringMatching(/poster/) });
    expect((await fetch(videoInfo.imageUrl)).status).toBe(200);
    expect((await fetch(standInFileUrl(`/files/${partial}/0.mp4`))).status).toBe(404);
  });

  it("[dup-callback] calls back three times; setTaskResults replaces or drops the poster", async () => {
    const taskId = await created(RUNWAY, runwayBody({ prompt: prompt("[dup-callback] [slow]") }));
    const bad = "https://169.254.169.254/latest";
    await setTaskResults(taskId, [bad], standInFileUrl("/files/test/not-an-image"));
    await completeTask(taskId);
    const sent = await callbacks(taskId);
    expect(sent).toHaveLength(3);
    expect(sent[2]?.data).toMatchObject({
      video_url: bad,
      image_url: standInFileUrl("/files/test/not-an-image"),
    });
    await setTaskResults(taskId, [bad], null);
    expect((await record(RUNWAY, taskId)).videoInfo).toMatchObject({
      videoUrl: bad,
      imageUrl: "",
    });
  });
});
