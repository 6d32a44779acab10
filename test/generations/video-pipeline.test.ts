import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { generationVideos } from "../../src/db/schema";
import { checkGeneration } from "../../src/generations/check-task";
import type { CheckGeneration } from "../../src/generations/messages";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { insertGrant } from "../support/fixtures";
import { call, callWithEnv } from "../support/http";
import { completeTask, recordedCallbacks, waitForTaskState } from "../support/kie";
import { generationRow, recordingQueue, testPipelineDeps } from "../support/pipeline";

// End to end for each KieAI video family: the API creates the task at the stand-in, the
// stand-in's own callback reaches the Worker, the queue consumer's check copies the MP4 to R2,
// and /media serves it with working byte ranges.

const db = useTestDatabase();

type VideoView = {
  uuid: string;
  quality: string;
  url: string;
  posterUrl: string | null;
  durationSeconds: number | null;
  ratio: string | null;
  resolution: string | null;
  visibility: string;
};
type GenerationView = {
  uuid: string;
  type: string;
  status: string;
  successCount: number;
  creditsCost: number;
  images: unknown[];
  videos: VideoView[];
};

async function generateVideo(request: Record<string, unknown>) {
  const creator = await signUp();
  await insertGrant(db(), creator.id, 2000);
  const created = await call(
    "/api/generations",
    withCookie(creator.cookie, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "video",
        prompt: "a fox spirit dancing in the rain",
        ...request,
      }),
    }),
  );
  expect(created.status, await created.clone().text()).toBe(202);
  const { generation } = await created.json<{ generation: GenerationView }>();
  const taskId = (await generationRow(db(), generation.uuid)).remoteTaskId as string;
  await completeTask(taskId);
  await waitForTaskState(taskId, "succeeded");

  const [callback] = await recordedCallbacks(taskId);
  if (!callback) throw new Error("the stand-in sent no callback");
  const queue = recordingQueue();
  const url = new URL(callback.url);
  const answer = await callWithEnv({ GENERATION_EVENTS: queue }, url.pathname + url.search, {
    method: "POST",
    headers: callback.headers,
    body: callback.body,
  });
  expect(answer.status, await answer.clone().text()).toBe(200);
  expect(queue.sent).toHaveLength(1);
  const { deps } = testPipelineDeps(db());
  expect(await checkGeneration(deps, queue.sent[0] as CheckGeneration)).toBe("succeeded");

  const status = await call(`/api/generations/${generation.uuid}`, withCookie(creator.cookie));
  expect(status.status).toBe(200);
  const view = await status.json<GenerationView>();
  return { creator, view, callback: JSON.parse(callback.body) as Record<string, any> };
}

const bytesOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());
const ascii = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

/** The MP4 is served whole to its owner, and by byte ranges as a seeking browser asks. */
async function expectSeekableMp4(path: string, cookie: string) {
  const whole = await call(path, withCookie(cookie));
  expect(whole.status).toBe(200);
  expect(whole.headers.get("content-type")).toBe("video/mp4");
  expect(whole.headers.get("accept-ranges")).toBe("bytes");
  const bytes = await bytesOf(whole);
  const size = bytes.byteLength;
  expect(ascii(bytes.subarray(4, 8))).toBe("ftyp");
  expect(Number(whole.headers.get("content-length"))).toBe(size);

  const first = await call(path, withCookie(cookie, { headers: { range: "bytes=0-15" } }));
  expect(first.status).toBe(206);
  expect(first.headers.get("content-range")).toBe(`bytes 0-15/${size}`);
  expect(await bytesOf(first)).toEqual(bytes.subarray(0, 16));

  const from = Math.floor(size / 3);
  const middle = await call(
    path,
    withCookie(cookie, { headers: { range: `bytes=${from}-${from + 99}` } }),
  );
  expect(middle.status).toBe(206);
  expect(middle.headers.get("content-range")).toBe(`bytes ${from}-${from + 99}/${size}`);
  expect(await bytesOf(middle)).toEqual(bytes.subarray(from, from + 100));

  const suffix = await call(path, withCookie(cookie, { headers: { range: "bytes=-64" } }));
  expect(suffix.status).toBe(206);
  expect(suffix.headers.get("content-range")).toBe(`bytes ${size - 64}-${size - 1}/${size}`);
  expect(await bytesOf(suffix)).toEqual(bytes.subarray(size - 64));

  const past = await call(path, withCookie(cookie, { headers: { range: `bytes=${size}-` } }));
  expect(past.status).toBe(416);
  expect(past.headers.get("content-range")).toBe(`bytes */${size}`);

  const head = await call(path, withCookie(cookie, { method: "HEAD" }));
  expect(head.status).toBe(200);
  expect(Number(head.headers.get("content-length"))).toBe(size);
  return bytes;
}

async function videoRowOf(generationUuid: string) {
  const rows = await db()
    .select()
    .from(generationVideos)
    .where(eq(generationVideos.generationUuid, generationUuid));
  expect(rows).toHaveLength(1);
  return rows[0] as typeof generationVideos.$inferSelect;
}

describe("video generation end to end, per KieAI family", () => {
  it("Sora 2 Pro through the jobs API: portrait, 15 s, high → 9:16, 15, high", async () => {
    const { creator, view, callback } = await generateVideo({
      model: "sora-2-pro",
      aspectRatio: "9:16",
      duration: 15,
      quality: "high",
    });
    // The jobs callback: resultJson is a JSON string, with the watermarked copies beside.
    const result = JSON.parse(callback.data.resultJson);
    expect(result.resultUrls).toHaveLength(1);
    expect(result.resultWaterMarkUrls).toHaveLength(1);

    expect(view).toMatchObject({ type: "video", status: "succeeded", successCount: 1 });
    expect(view.creditsCost).toBe(900);
    expect(view.images).toEqual([]);
    expect(view.videos).toEqual([
      {
        uuid: expect.any(String),
        quality: "high",
        url: `/media/${creator.id}/${view.uuid}/0.mp4`,
        posterUrl: null,
        durationSeconds: 15,
        ratio: "9:16",
        resolution: null,
        visibility: "private",
      },
    ]);
    const row = await videoRowOf(view.uuid);
    expect(row).toMatchObject({ modelId: "sora-2-pro", codec: "h264" });
    expect(row.generationParams).toMatchObject({
      model: "sora-2-pro",
      provider: { model: "sora-2-pro-text-to-video", params: { n_frames: "15", size: "high" } },
    });
    const bytes = await expectSeekableMp4(view.videos[0]?.url as string, creator.cookie);
    expect(row.byteSize).toBe(bytes.byteLength);
  });

  it("Veo 3.1 Fast: info.resultUrls callback, 8 s at 720p → 1280x720", async () => {
    const { creator, view, callback } = await generateVideo({
      model: "veo3_fast",
      aspectRatio: "9:16",
    });
    expect(callback.data.info.resultUrls).toHaveLength(1);
    expect(view.status).toBe("succeeded");
    expect(view.videos).toMatchObject([
      {
        quality: "720p",
        durationSeconds: 8,
        ratio: "9:16",
        resolution: "1280x720",
        posterUrl: null,
      },
    ]);
    await expectSeekableMp4(view.videos[0]?.url as string, creator.cookie);
  });

  it("Runway: snake_case callback, 1080p 5 s → 1920x1080, with its poster stored", async () => {
    const { creator, view, callback } = await generateVideo({
      model: "runway",
      aspectRatio: "4:3",
      duration: 5,
      quality: "1080p",
    });
    expect(callback.data).toMatchObject({
      task_id: expect.any(String),
      video_url: expect.stringContaining(".mp4"),
      image_url: expect.any(String),
    });
    const [video] = view.videos;
    expect(video).toMatchObject({
      quality: "1080p",
      durationSeconds: 5,
      ratio: "4:3",
      resolution: "1920x1080",
      posterUrl: `/media/${creator.id}/${view.uuid}/0-poster.png`,
    });
    await expectSeekableMp4(video?.url as string, creator.cookie);
    const poster = await call(video?.posterUrl as string, withCookie(creator.cookie));
    expect(poster.status).toBe(200);
    expect(poster.headers.get("content-type")).toBe("image/png");
    // Someone else cannot see the private poster.
    const stranger = await signUp();
    expect((await call(video?.posterUrl as string, withCookie(stranger.cookie))).status).toBe(404);
  });

  it("Kling through the jobs API: duration string read back as seconds", async () => {
    const { creator, view } = await generateVideo({ model: "kling", duration: 10 });
    expect(view.videos).toMatchObject([
      { quality: "standard", durationSeconds: 10, ratio: "16:9", resolution: null },
    ]);
    await expectSeekableMp4(view.videos[0]?.url as string, creator.cookie);
  });
});

describe("video works are managed like images", () => {
  it("publishes, reuses with duration and quality, and serves the public MP4 to anyone", async () => {
    const { creator, view } = await generateVideo({
      model: "runway",
      duration: 10,
      quality: "720p",
      cameraMotion: "pan-left",
    });
    const video = view.videos[0] as VideoView;
    const stranger = await signUp();
    expect((await call(video.url, withCookie(stranger.cookie))).status).toBe(404);

    const published = await call(
      `/api/artworks/video/${video.uuid}`,
      withCookie(creator.cookie, {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ visibility: "public" }),
      }),
    );
    expect(published.status, await published.clone().text()).toBe(200);
    const anonymous = await call(video.url, { headers: { range: "bytes=0-7" } });
    expect(anonymous.status).toBe(206);
    expect(anonymous.headers.get("cache-control")).toContain("immutable");

    const reuse = await call(
      `/api/artworks/video/${video.uuid}/reuse`,
      withCookie(stranger.cookie),
    );
    expect(reuse.status).toBe(200);
    expect(await reuse.json()).toMatchObject({
      type: "video",
      model: "runway",
      duration: 10,
      quality: "720p",
      cameraMotion: "pan-left",
    });
  });
});
