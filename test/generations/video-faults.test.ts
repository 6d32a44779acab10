import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { generationVideos } from "../../src/db/schema";
import { failGeneration } from "../../src/generations/lifecycle";
import { sweepGenerations } from "../../src/generations/sweeper";
import { useTestDatabase } from "../support/db";
import {
  recordedCallbacks,
  setTaskResults,
  standInFileUrl,
  waitForTaskState,
} from "../support/kie";
import { expectLedgerConsistent } from "../support/ledger";
import {
  deliverCheck,
  generationRow,
  pipelineAssertions,
  startGeneration,
  testPipelineDeps,
  videoRequest,
} from "../support/pipeline";

// The image pipeline's fault cases, run for videos: the same machinery must hold for files a
// hundred times larger, in other containers, from other API families.

const db = useTestDatabase();
const { creator, balanceOf, refundsOf, objectsUnder } = pipelineAssertions(db);
const MiB = 1024 * 1024;
const SORA_PRICE = 120;

async function videosOf(generationUuid: string) {
  return db()
    .select()
    .from(generationVideos)
    .where(eq(generationVideos.generationUuid, generationUuid));
}

describe("video pipeline: duplicates, lost callbacks, late results", () => {
  it("[dup-callback] on Runway: three callbacks and checks, one video, one poster", async () => {
    const userId = await creator(2000);
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      videoRequest({ model: "runway", prompt: "twin foxes [dup-callback]" }),
    );
    expect(await recordedCallbacks(taskId)).toHaveLength(3);
    const outcomes = await Promise.all([
      deliverCheck(deps, generation.uuid),
      deliverCheck(deps, generation.uuid),
      deliverCheck(deps, generation.uuid),
    ]);
    expect(outcomes.filter((o) => o === "succeeded")).toHaveLength(1);
    expect(await videosOf(generation.uuid)).toHaveLength(1);
    expect(await objectsUnder(userId, generation.uuid)).toEqual([
      `media/${userId}/${generation.uuid}/0-poster.png`,
      `media/${userId}/${generation.uuid}/0.mp4`,
    ]);
    expect(await balanceOf(userId)).toBe(2000 - 60);
    expect(await refundsOf(generation.uuid)).toHaveLength(0);
  });

  it("[no-callback] on Kling: the sweeper polls it after the model's poll age and it completes", async () => {
    const userId = await creator(2000);
    const { deps, queue } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      videoRequest({ model: "kling", prompt: "a quiet shrine [no-callback]" }),
    );
    expect(await recordedCallbacks(taskId)).toHaveLength(0);
    const pollAfter = getConfigs().models.find((m) => m.id === "kling")?.polling
      .pollAfterSeconds as number;
    const early = new Date(generation.createdAt.getTime() + (pollAfter - 30) * 1000);
    const sweepEarly = testPipelineDeps(db(), { now: () => early, queue }).deps;
    expect((await sweepGenerations(sweepEarly, { userId })).polled).toBe(0);
    const later = new Date(generation.createdAt.getTime() + (pollAfter + 30) * 1000);
    const sweep = testPipelineDeps(db(), { now: () => later, queue }).deps;
    expect((await sweepGenerations(sweep, { userId })).polled).toBe(1);
    expect(queue.sent).toHaveLength(1);
    expect(await deliverCheck(deps, generation.uuid, "sweeper")).toBe("succeeded");
    expect(await videosOf(generation.uuid)).toHaveLength(1);
  });

  it("a video that arrives after the deadline gave up is saved; the refund stands", async () => {
    const userId = await creator(2000);
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId, videoRequest());
    await failGeneration(db(), {
      uuid: generation.uuid,
      errorCode: "DEADLINE_EXCEEDED",
      errorMessage: "too slow",
      now: new Date(),
    });
    expect(await deliverCheck(deps, generation.uuid)).toBe("late_success");
    expect(await generationRow(db(), generation.uuid)).toMatchObject({
      status: "failed",
      successCount: 1,
    });
    expect(await videosOf(generation.uuid)).toHaveLength(1);
    expect((await refundsOf(generation.uuid)).map((r) => r.amount)).toEqual([SORA_PRICE]);
    expect(await balanceOf(userId)).toBe(2000);
  });
});

describe("video pipeline: failures refund exactly once", () => {
  it("[fail] on Veo: failed with the provider's reason and one full refund", async () => {
    const userId = await creator(2000);
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      videoRequest({ model: "veo3_fast", prompt: "a storm [fail]" }),
    );
    await waitForTaskState(taskId, "failed");
    expect(await deliverCheck(deps, generation.uuid)).toBe("failed");
    expect(await deliverCheck(deps, generation.uuid)).toBe("skipped");
    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({ status: "failed", errorCode: "PROVIDER_FAILED", successCount: 0 });
    expect(row.errorMessage).toBeTruthy();
    expect((await refundsOf(generation.uuid)).map((r) => r.amount)).toEqual([200]);
    expect(await balanceOf(userId)).toBe(2000);
    await expectLedgerConsistent(db(), userId);
  });

  for (const model of ["sora-2", "veo3_fast", "runway"]) {
    it(`[partial] on ${model}: a success without its video fails and refunds in full`, async () => {
      const userId = await creator(2000);
      const { deps } = testPipelineDeps(db());
      const { generation } = await startGeneration(
        deps,
        userId,
        videoRequest({ model, prompt: "four seasons [partial]" }),
      );
      expect(await deliverCheck(deps, generation.uuid)).toBe("failed");
      expect(await generationRow(db(), generation.uuid)).toMatchObject({
        status: "failed",
        errorCode: "MISSING_RESULTS",
        successCount: 0,
      });
      expect(await objectsUnder(userId, generation.uuid)).toEqual([]);
      expect(await refundsOf(generation.uuid)).toHaveLength(1);
      expect(await balanceOf(userId)).toBe(2000);
    });
  }

  const standIn = () => new URL(env.KIE_API_BASE_URL);
  const refusedResults: [string, () => string][] = [
    ["a loopback port other than the stand-in's", () => "http://127.0.0.1:1/files/test/mp4"],
    [
      "the stand-in under another host name",
      () => `http://localhost:${standIn().port}/files/test/mp4`,
    ],
    ["the cloud metadata address", () => "https://169.254.169.254/latest/meta-data/"],
    ["an off-list host", () => "https://videos.evil.example/a.mp4"],
    [
      "a redirect off the list",
      () =>
        standInFileUrl(`/files/test/redirect?to=${encodeURIComponent("http://10.0.0.1/a.mp4")}`),
    ],
    ["an image where a video belongs", () => standInFileUrl("/files/test/png")],
    ["a web page", () => standInFileUrl("/files/test/not-an-image")],
  ];
  for (const [what, url] of refusedResults) {
    it(`refuses ${what}: failed and refunded, nothing stored`, async () => {
      const userId = await creator(2000);
      const { deps } = testPipelineDeps(db());
      const { generation, taskId } = await startGeneration(deps, userId, videoRequest());
      await setTaskResults(taskId, [url()]);
      expect(await deliverCheck(deps, generation.uuid)).toBe("failed");
      expect(await generationRow(db(), generation.uuid)).toMatchObject({
        status: "failed",
        errorCode: "RESULT_REFUSED",
      });
      expect(await objectsUnder(userId, generation.uuid)).toEqual([]);
      expect(await balanceOf(userId)).toBe(2000);
    });
  }

  // The cap is lowered for these two: the stand-in serves at most 256 MiB, under the real one.
  for (const [what, query] of [
    ["that says so", ""],
    ["without saying its length, mid-stream", "&chunked=1"],
  ]) {
    it(`refuses a video larger than the cap ${what}`, async () => {
      const userId = await creator(2000);
      const { deps } = testPipelineDeps(db(), { videoMaxBytes: 4 * MiB });
      const { generation, taskId } = await startGeneration(deps, userId, videoRequest());
      await setTaskResults(taskId, [
        standInFileUrl(`/files/test/large-mp4?bytes=${6 * MiB}${query}`),
      ]);
      expect(await deliverCheck(deps, generation.uuid)).toBe("failed");
      expect((await generationRow(db(), generation.uuid)).errorCode).toBe("RESULT_REFUSED");
      expect(await objectsUnder(userId, generation.uuid)).toEqual([]);
      expect(await balanceOf(userId)).toBe(2000);
    });
  }
});

describe("video pipeline: containers, posters and size", () => {
  it("stores a WebM result as .webm with its codec", async () => {
    const userId = await creator(2000);
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(deps, userId, videoRequest());
    await setTaskResults(taskId, [standInFileUrl("/files/test/webm")]);
    expect(await deliverCheck(deps, generation.uuid)).toBe("succeeded");
    const [video] = await videosOf(generation.uuid);
    expect(video?.r2Key).toBe(`media/${userId}/${generation.uuid}/0.webm`);
    expect(video?.codec).toMatch(/^vp[89]$/);
    const stored = await env.MEDIA.head(video?.r2Key as string);
    expect(stored?.httpMetadata?.contentType).toBe("video/webm");
  });

  it("keeps the video when its poster is refused: poster null, nothing refunded", async () => {
    const userId = await creator(2000);
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      videoRequest({ model: "runway" }),
    );
    await setTaskResults(
      taskId,
      [standInFileUrl("/files/test/mp4")],
      "https://posters.evil.example/p.png",
    );
    expect(await deliverCheck(deps, generation.uuid)).toBe("succeeded");
    const [video] = await videosOf(generation.uuid);
    expect(video).toMatchObject({ posterR2Key: null, posterUrl: null });
    expect(await objectsUnder(userId, generation.uuid)).toEqual([
      `media/${userId}/${generation.uuid}/0.mp4`,
    ]);
    expect(await refundsOf(generation.uuid)).toHaveLength(0);
  });

  it("streams a 200 MiB video of unknown length into R2 (far past the Worker's 128 MB memory)", async () => {
    const userId = await creator(2000);
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(deps, userId, videoRequest());
    const size = 200 * MiB;
    await setTaskResults(taskId, [standInFileUrl(`/files/test/large-mp4?bytes=${size}&chunked=1`)]);
    expect(await deliverCheck(deps, generation.uuid)).toBe("succeeded");
    const [video] = await videosOf(generation.uuid);
    expect(video?.byteSize).toBe(size);
    const stored = await env.MEDIA.head(video?.r2Key as string);
    expect(stored?.size).toBe(size);
    // Written in parts, as a multipart upload: never held whole.
    expect(stored?.etag).toMatch(/-\d+$/);
  }, 180_000);
});
