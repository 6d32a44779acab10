import { env } from "cloudflare:test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { creditSummary } from "../../src/credits/queries";
import { credits, generationImages } from "../../src/db/schema";
import { createGeneration as createGenerationService } from "../../src/generations/create";
import { failGeneration } from "../../src/generations/lifecycle";
import type { PipelineDeps } from "../../src/generations/pipeline-deps";
import { sweepGenerations } from "../../src/generations/sweeper";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser, insertGrant } from "../support/fixtures";
import {
  completeTask,
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
  startGeneration,
  testPipelineDeps,
} from "../support/pipeline";

const db = useTestDatabase();

async function creator(credits = 200) {
  const user = await createUser(db());
  await insertGrant(db(), user.id, credits);
  return user.id;
}

const balanceOf = async (userId: string) => (await creditSummary(db(), userId, new Date())).balance;

async function refundsOf(uuid: string) {
  return db()
    .select()
    .from(credits)
    .where(and(eq(credits.transType, "refund"), eq(credits.sourceId, `generation:${uuid}`)));
}

async function objectsUnder(userId: string, uuid: string) {
  const listed = await env.MEDIA.list({ prefix: `media/${userId}/${uuid}/` });
  return listed.objects.map((o) => o.key).sort();
}

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

describe("a submission that outlives the generation", () => {
  it("still records its task, so results arriving later are saved (refund stands)", async () => {
    const userId = await creator();
    const { deps: base } = testPipelineDeps(db());
    // The sweeper gives up on the generation while KieAI is still answering the submission.
    const provider: PipelineDeps["provider"] = {
      recordInfo: (model, taskId) => base.provider.recordInfo(model, taskId),
      async submit(input) {
        const uuid = new URL(input.callbackUrl).pathname.split("/").pop() as string;
        await failGeneration(db(), {
          uuid,
          errorCode: "SUBMISSION_LOST",
          errorMessage: "gave up",
          now: new Date(),
        });
        return base.provider.submit(input);
      },
    };
    const deps = { ...base, provider };
    const { generation } = await createGenerationService(deps, {
      userId,
      request: imageRequest(),
      idempotencyKey: null,
    });
    expect(generation).toMatchObject({ status: "failed", errorCode: "SUBMISSION_LOST" });
    expect(generation.remoteTaskId).toBeTruthy();
    await completeTask(generation.remoteTaskId as string);
    await waitForTaskState(generation.remoteTaskId as string, "succeeded");
    expect(await deliverCheck(deps, generation.uuid)).toBe("late_success");
    expect(await objectsUnder(userId, generation.uuid)).toHaveLength(2);
    expect(await balanceOf(userId)).toBe(200);
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
  });
});

describe("sweeper", () => {
  it("[no-callback]: polls a quiet task through the queue path and completes it", async () => {
    const userId = await creator();
    const { deps, queue } = testPipelineDeps(db());
    const { generation, taskId } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "a silent forest [no-callback]" }),
    );
    expect(await recordedCallbacks(taskId)).toHaveLength(0);
    const later = new Date(generation.createdAt.getTime() + 60_000);
    const sweep = testPipelineDeps(db(), { now: () => later, queue }).deps;
    expect(await sweepGenerations(sweep, { userId })).toEqual({
      polled: 1,
      timedOut: 0,
      abandoned: 0,
    });
    expect(queue.sent).toEqual([
      {
        kind: "generation.check",
        generationUuid: generation.uuid,
        taskId: null,
        source: "sweeper",
      },
    ]);
    // The next run does not queue it again while that check is pending.
    await sweepGenerations(sweep, { userId });
    expect(queue.sent).toHaveLength(1);
    expect(await deliverCheck(deps, generation.uuid, "sweeper")).toBe("succeeded");
  });

  it("fails and refunds a task past its model's deadline, and a pending one that never got a task id", async () => {
    const userId = await creator();
    const { deps } = testPipelineDeps(db());
    const { generation } = await startGeneration(
      deps,
      userId,
      imageRequest({ prompt: "x [slow]" }),
      {
        finish: false,
      },
    );
    const deadline = deps.configs.models.find((m) => m.id === "gpt-4o-image")?.polling
      .deadlineSeconds as number;
    const after = new Date(generation.createdAt.getTime() + (deadline + 1) * 1000);
    const lost = await createGeneration(db(), userId, { createdAt: generation.createdAt });
    const sweep = testPipelineDeps(db(), { now: () => after }).deps;
    expect(await sweepGenerations(sweep, { userId })).toEqual({
      polled: 0,
      timedOut: 1,
      abandoned: 1,
    });
    expect(await generationRow(db(), lost.uuid)).toMatchObject({
      status: "failed",
      errorCode: "SUBMISSION_LOST",
    });
    const row = await generationRow(db(), generation.uuid);
    expect(row).toMatchObject({ status: "failed", errorCode: "DEADLINE_EXCEEDED" });
    expect(await balanceOf(userId)).toBe(200);
    await sweepGenerations(sweep, { userId });
    expect(await refundsOf(generation.uuid)).toHaveLength(1);
  });
});
