import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { generationImages } from "../../src/db/schema";
import { failGeneration } from "../../src/generations/lifecycle";
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
  imageRequest,
  pipelineAssertions,
  startGeneration,
  testPipelineDeps,
} from "../support/pipeline";

const db = useTestDatabase();
const { creator, balanceOf, refundsOf, objectsUnder } = pipelineAssertions(db);

describe("generation pipeline: success, duplicates and retries", () => {
  it("copies every result to R2 once, however often the check is delivered", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId);
    expect(await balanceOf(userId)).toBe(200 - 32);

    const outcomes = await Promise.all([
      deliverCheck(deps, generation.uuid),
      deliverCheck(deps, generation.uuid),
    ]);
    expect(outcomes).toContain("succeeded");
    expect(await deliverCheck(deps, generation.uuid)).toBe("skipped");

    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({ status: "succeeded", successCount: 2, errorCode: null });
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(await objectsUnder(userId, generation.uuid)).toEqual([
      `media/${userId}/${generation.uuid}/0.png`,
      `media/${userId}/${generation.uuid}/1.png`,
    ]);
    const images = await db()
      .select()
      .from(generationImages)
      .where(eq(generationImages.generationUuid, generation.uuid));
    expect(images.map((i) => i.imageIndex).sort()).toEqual([0, 1]);
    expect(images[0]?.contentType).toBe("image/png");
    expect(await balanceOf(userId)).toBe(168);
    expect(await refundsOf(generation.uuid)).toHaveLength(0);
    await expectLedgerConsistent(db(), userId);
  });

  it("[dup-callback]: three callbacks, one set of rows and objects", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "twin shrine maidens [dup-callback]" }),
    );
    expect(await recordedCallbacks(taskId)).toHaveLength(3);
    for (let i = 0; i < 3; i++) await deliverCheck(deps, generation.uuid);
    expect((await generationRow(db(), generation.uuid)).successCount).toBe(2);
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
  });

  it("retries after an R2 put error without duplicating anything", async () => {
    const userId = await creator();
    let failures = 0;
    const flaky = new Proxy(env.MEDIA, {
      get(target, prop) {
        if (prop === "put" && failures === 0) {
          return async () => {
            failures += 1;
            throw new Error("R2 internal error");
          };
        }
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const { deps } = testPipelineDeps(db(), { bucket: flaky });
    const { generation } = await startGeneration(deps, userId);

    await expect(deliverCheck(deps, generation.uuid)).rejects.toThrow();
    expect((await generationRow(db(), generation.uuid)).status).toBe("processing");
    expect(await deliverCheck(deps, generation.uuid)).toBe("succeeded");
    expect(failures).toBe(1);
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
    expect(await refundsOf(generation.uuid)).toHaveLength(0);
  });
});

describe("generation pipeline: failures refund exactly once", () => {
  it("[fail]: failed with the provider's reason and one full refund", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "a storm [fail]" }),
    );
    await waitForTaskState(taskId, "failed");
    expect(await deliverCheck(deps, generation.uuid)).toBe("failed");
    expect(await deliverCheck(deps, generation.uuid)).toBe("skipped");
    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({ status: "failed", errorCode: "PROVIDER_FAILED", successCount: 0 });
    const refunds = await refundsOf(generation.uuid);
    expect(refunds.map((r) => r.amount)).toEqual([32]);
    expect(await balanceOf(userId)).toBe(200);
    await expectLedgerConsistent(db(), userId);
  });

  it("[partial]: keeps what came and refunds the missing part", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "four seasons [partial]", count: 4 }),
    );
    expect(await deliverCheck(deps, generation.uuid)).toBe("partial");
    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({
      status: "succeeded",
      successCount: 2,
      errorCode: "MISSING_RESULTS",
    });
    expect((await refundsOf(generation.uuid)).map((r) => r.amount)).toEqual([32]);
    expect(await balanceOf(userId)).toBe(200 - 64 + 32);
    await deliverCheck(deps, generation.uuid);
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
  });

  const standIn = () => new URL(env.KIE_API_BASE_URL);
  const refusedResults: [string, () => string][] = [
    ["a loopback port other than the stand-in's", () => `http://127.0.0.1:1/files/test/png`],
    [
      "the stand-in under another host name",
      () => `http://localhost:${standIn().port}/files/test/png`,
    ],
    ["the cloud metadata address", () => "https://169.254.169.254/latest/meta-data/"],
    ["plain http to a listed host", () => `http://${getConfigs().media.resultHosts[0]}/a.png`],
    ["an off-list host", () => "https://files.evil.example/a.png"],
    [
      "a redirect off the list",
      () =>
        standInFileUrl(`/files/test/redirect?to=${encodeURIComponent("http://169.254.169.254/")}`),
    ],
    [
      "an oversized file without a length",
      () => standInFileUrl(`/files/test/oversized?bytes=${getConfigs().media.image.maxBytes + 1}`),
    ],
    [
      "an oversized file that says so",
      () =>
        standInFileUrl(
          `/files/test/oversized-declared?bytes=${getConfigs().media.image.maxBytes + 1}`,
        ),
    ],
    ["a file that is not an image", () => standInFileUrl("/files/test/not-an-image")],
  ];
  for (const [what, url] of refusedResults) {
    it(`refuses ${what}: generation failed and refunded, nothing stored`, async () => {
      const userId = await creator();
      const { deps } = testPipelineDeps(db());
      const { generation, taskId } = await startGeneration(
        deps,
        userId,
        imageRequest({ count: 1 }),
      );
      await setTaskResults(taskId, [url()]);
      expect(await deliverCheck(deps, generation.uuid)).toBe("failed");
      const row = await generationRow(db(), generation.uuid);
      expect(row).toMatchObject({ status: "failed", errorCode: "RESULT_REFUSED", successCount: 0 });
      expect(await objectsUnder(userId, generation.uuid)).toEqual([]);
      expect(await balanceOf(userId)).toBe(200);
      expect(await refundsOf(generation.uuid)).toHaveLength(1);
    });
  }

  it("the dead-letter path and a later success: refund once, images still saved", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(deps, userId);
    await failGeneration(db(), {
      uuid: generation.uuid,
      errorCode: "DEADLINE_EXCEEDED",
      errorMessage: "too slow",
      now: new Date(),
    });
    expect(await deliverCheck(deps, generation.uuid)).toBe("late_success");
    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({
      status: "failed",
      errorCode: "DEADLINE_EXCEEDED",
      successCount: 2,
    });
    expect(row.metadata.lateSuccessAt).toBeTypeOf("string");
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
    expect(await balanceOf(userId)).toBe(200);
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
  });
});
