import { describe, expect, it } from "vitest";
import { readRunwayRecord } from "../../src/providers/kie/runway";
import { readVeoRecord } from "../../src/providers/kie/veo";
import { normaliseRatio, normaliseVideoParams } from "../../src/providers/kie/video-params";
import type { SubmitTaskInput } from "../../src/providers/types";
import { standInFileUrl, standInTask, testKieProvider, waitForTaskState } from "../support/kie";
import { expectFailure, expectOk, modelById, submitInput } from "./kie-helpers";

// The production KieAI client's video families against the stand-in over HTTP.
const provider = testKieProvider();
const image = () => standInFileUrl("/files/test/png");

function videoInput(
  modelId: string,
  video: Partial<NonNullable<SubmitTaskInput["video"]>> = {},
  overrides: Partial<SubmitTaskInput> = {},
): SubmitTaskInput {
  const model = modelById(modelId);
  const options = model.video;
  if (!options) throw new Error(`${modelId} is not a video model`);
  return submitInput(modelId, {
    video: {
      durationSeconds: options.defaultDuration,
      quality: options.defaultQuality,
      imageMode: "frames",
      removeWatermark: options.removeWatermark ?? false,
      ...video,
    },
    ...overrides,
  });
}

async function sentParams(taskId: string) {
  return (await standInTask(taskId)).spec.param;
}

describe("KieAI video: Sora 2 and Kling on the jobs API", () => {
  it("sends Sora Pro its orientation, frame count and size, and reads the MP4 back", async () => {
    const input = videoInput(
      "sora-2-pro",
      { durationSeconds: 15, quality: "high" },
      { aspectRatio: "9:16" },
    );
    const submitted = expectOk(await provider.submit(input));
    expect(submitted.providerModel).toBe("sora-2-pro-text-to-video");
    expect(submitted.providerParams).toEqual({
      aspect_ratio: "portrait",
      n_frames: "15",
      size: "high",
      remove_watermark: true,
    });
    expect(submitted.video).toEqual({
      durationSeconds: 15,
      ratio: "9:16",
      quality: "high",
      resolution: null,
    });
    const record = await waitForTaskState(submitted.taskId, "succeeded", { model: input.model });
    expect(record.resultUrls).toHaveLength(1);
    expect(record.posterUrl).toBeNull();
    const file = await fetch(record.resultUrls[0] as string);
    expect(file.headers.get("content-type")).toBe("video/mp4");
    const bytes = new Uint8Array(await file.arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(4, 8))).toBe("ftyp");
  });

  it("switches Sora and Kling to image-to-video with a reference; Kling then drops its ratio", async () => {
    const sora = expectOk(
      await provider.submit(videoInput("sora-2", {}, { referenceImageUrls: [image()] })),
    );
    const soraSent = await sentParams(sora.taskId);
    expect(soraSent.model).toBe("sora-2-image-to-video");
    expect(soraSent.input).toMatchObject({ image_urls: [image()], n_frames: "10" });
    expect(soraSent.input).not.toHaveProperty("size");

    const kling = expectOk(
      await provider.submit(
        videoInput("kling", { durationSeconds: 10 }, { referenceImageUrls: [image()] }),
      ),
    );
    const klingSent = await sentParams(kling.taskId);
    expect(klingSent.model).toBe("kling-2.6/image-to-video");
    expect(klingSent.input).toEqual({
      prompt: expect.any(String),
      duration: "10",
      sound: false,
      image_urls: [image()],
    });
    expect(kling.video).toMatchObject({ durationSeconds: 10, ratio: null });
  });
});

describe("KieAI video: Veo 3.1", () => {
  it("chooses the generation type from the references and the image mode", async () => {
    const cases: [Partial<SubmitTaskInput>, "frames" | "reference", string][] = [
      [{}, "frames", "TEXT_2_VIDEO"],
      [{ referenceImageUrls: [image(), image()] }, "frames", "FIRST_AND_LAST_FRAMES_2_VIDEO"],
      [{ referenceImageUrls: [image(), image(), image()] }, "reference", "REFERENCE_2_VIDEO"],
    ];
    for (const [overrides, imageMode, type] of cases) {
      const submitted = expectOk(
        await provider.submit(videoInput("veo3_fast", { imageMode }, overrides)),
      );
      expect(submitted.taskId).toMatch(/^veo_task_/);
      const sent = await sentParams(submitted.taskId);
      expect(sent).toMatchObject({
        model: "veo3_fast",
        generationType: type,
        aspect_ratio: "16:9",
      });
      expect(submitted.providerParams).not.toHaveProperty("imageUrls");
    }
  });

  it("reads successFlag 1 with resultUrls and a date-string completion time", async () => {
    const input = videoInput("veo3");
    const submitted = expectOk(await provider.submit(input));
    expect(submitted.video).toEqual({
      durationSeconds: 8,
      ratio: "16:9",
      quality: "1080p",
      resolution: "1920x1080",
    });
    const record = await waitForTaskState(submitted.taskId, "succeeded", { model: input.model });
    expect(record.resultUrls).toHaveLength(1);
    expect(record.completedAt).toBeInstanceOf(Date);
  });

  it("maps successFlag 2 and 3 to failed and refuses a reference request on veo3", async () => {
    const base = { taskId: "veo_task_1", completeTime: null, response: null };
    for (const flag of [2, 3]) {
      const record = expectOk(
        readVeoRecord({ ...base, successFlag: flag, errorCode: 400, errorMessage: "flagged" }),
      );
      expect(record).toMatchObject({ state: "failed", failCode: "400", failMessage: "flagged" });
    }
    expect(expectOk(readVeoRecord({ ...base, successFlag: 0 })).state).toBe("running");
    expect(expectFailure(readVeoRecord({ ...base, successFlag: 7 })).kind).toBe("bad_response");
    const refused = expectFailure(
      await provider.submit(
        videoInput("veo3", { imageMode: "reference" }, { referenceImageUrls: [image()] }),
      ),
    );
    expect(refused.kind).toBe("invalid_request");
  });
});

describe("KieAI video: Runway", () => {
  it("sends duration, quality and ratio, and reads the video and its poster", async () => {
    const input = videoInput(
      "runway",
      { durationSeconds: 5, quality: "1080p" },
      { aspectRatio: "3:4" },
    );
    const submitted = expectOk(await provider.submit(input));
    expect(await sentParams(submitted.taskId)).toMatchObject({
      duration: 5,
      quality: "1080p",
      aspectRatio: "3:4",
      waterMark: "",
    });
    expect(submitted.video).toEqual({
      durationSeconds: 5,
      ratio: "3:4",
      quality: "1080p",
      resolution: "1920x1080",
    });
    const record = await waitForTaskState(submitted.taskId, "succeeded", { model: input.model });
    expect(record.resultUrls).toHaveLength(1);
    const poster = await fetch(record.posterUrl as string);
    expect(poster.headers.get("content-type")).toBe("image/png");
  });

  it("is refused by Runway for 1080p at 10 s (our validation stops it earlier)", async () => {
    const refused = expectFailure(
      await provider.submit(videoInput("runway", { durationSeconds: 10, quality: "1080p" })),
    );
    expect(refused).toMatchObject({ kind: "invalid_request", retryable: false });
  });

  it("reads record-detail states; a success without a video URL has no results", () => {
    const states = { wait: "queued", queueing: "queued", generating: "running", fail: "failed" };
    for (const [state, ours] of Object.entries(states)) {
      expect(expectOk(readRunwayRecord({ taskId: "t1", state })).state).toBe(ours);
    }
    const empty = expectOk(
      readRunwayRecord({
        taskId: "t1",
        state: "success",
        generateTime: "2026-11-23 10:00:00",
        videoInfo: { videoId: "v", videoUrl: "", imageUrl: "https://x.test/p.png" },
      }),
    );
    expect(empty).toMatchObject({ resultUrls: [], posterUrl: "https://x.test/p.png" });
    expect(empty.completedAt?.toISOString()).toBe("2026-11-23T10:00:00.000Z");
  });
});

describe("normalising video parameters into our columns", () => {
  it("reads ratio words and ratios; anything else is unknown", () => {
    expect(
      ["portrait", "vertical", "landscape", "horizontal", "16:9", "Auto", 5].map(normaliseRatio),
    ).toEqual(["9:16", "9:16", "16:9", "16:9", "16:9", null, null]);
  });

  it("applies each family's vocabulary", () => {
    expect(
      normaliseVideoParams(modelById("sora-2"), { aspect_ratio: "landscape", n_frames: "10" }),
    ).toEqual({ durationSeconds: 10, ratio: "16:9", quality: "standard", resolution: null });
    expect(
      normaliseVideoParams(modelById("runway"), {
        duration: 10,
        quality: "720p",
        aspectRatio: "9:16",
      }),
    ).toEqual({ durationSeconds: 10, ratio: "9:16", quality: "720p", resolution: "1280x720" });
    expect(normaliseVideoParams(modelById("veo3"), { aspect_ratio: "9:16" })).toEqual({
      durationSeconds: 8,
      ratio: "9:16",
      quality: "1080p",
      resolution: "1920x1080",
    });
  });
});
