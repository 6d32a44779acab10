import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { creditSummary } from "../../src/credits/queries";
import { callbackUrlFor } from "../../src/generations/callback-url";
import { checkGeneration } from "../../src/generations/check-task";
import type { CheckGeneration } from "../../src/generations/messages";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser, insertGrant } from "../support/fixtures";
import { call, callWithEnv, expectError, postJson } from "../support/http";
import { completeTask, recordedCallbacks, waitForTaskState } from "../support/kie";
import { generationRow, recordingQueue, testPipelineDeps } from "../support/pipeline";

const db = useTestDatabase();

type Recorded = { url: string; headers: Record<string, string>; body: string };

/** Sends a callback the stand-in recorded to the Worker, exactly as KieAI would have. */
function replay(callback: Recorded, env?: Record<string, unknown>) {
  const url = new URL(callback.url);
  const init = { method: "POST", headers: callback.headers, body: callback.body };
  return env
    ? callWithEnv(env, url.pathname + url.search, init)
    : call(url.pathname + url.search, init);
}

async function processingGeneration() {
  const user = await createUser(db());
  const row = await createGeneration(db(), user.id, {
    status: "processing",
    remoteTaskId: `task-${crypto.randomUUID()}`,
  });
  const url = new URL(await callbackUrlFor(env.PUBLIC_URL, env.KIE_CALLBACK_SECRET, row.uuid));
  return { row, path: url.pathname + url.search, taskId: row.remoteTaskId as string };
}

describe("POST /api/callbacks/kie/:generationUuid", () => {
  it("refuses a forged or missing token with 401 and queues nothing", async () => {
    const { row } = await processingGeneration();
    const queue = recordingQueue();
    for (const query of ["", "?token=forged", `?token=${"A".repeat(43)}`]) {
      const res = await callWithEnv(
        { GENERATION_EVENTS: queue },
        `/api/callbacks/kie/${row.uuid}${query}`,
        {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ code: 200, data: { taskId: row.remoteTaskId } }),
        },
      );
      await expectError(res, 401, "UNAUTHENTICATED");
    }
    // A real token for another generation is no token for this one.
    const other = await processingGeneration();
    const token = new URL(`http://x${other.path}`).searchParams.get("token");
    const res = await callWithEnv(
      { GENERATION_EVENTS: queue },
      `/api/callbacks/kie/${row.uuid}?token=${token}`,
      {
        method: "POST",
        body: "{}",
      },
    );
    await expectError(res, 401, "UNAUTHENTICATED");
    expect(queue.sent).toEqual([]);
    expect((await generationRow(db(), row.uuid)).callbackReceived).toBe(false);
  });

  it("requires KieAI's webhook signature when a key is configured", async () => {
    const { path, taskId } = await processingGeneration();
    const queue = recordingQueue();
    const body = JSON.stringify({ code: 200, msg: "success", data: { taskId } });
    const unsigned = await callWithEnv({ GENERATION_EVENTS: queue }, path, {
      method: "POST",
      body,
    });
    await expectError(unsigned, 401, "UNAUTHENTICATED");
    const stale = await callWithEnv({ GENERATION_EVENTS: queue }, path, {
      method: "POST",
      body,
      headers: { "x-webhook-timestamp": "1000000000", "x-webhook-signature": "AAAA" },
    });
    await expectError(stale, 401, "UNAUTHENTICATED");
    expect(queue.sent).toEqual([]);
  });

  it("queues a verified callback without reading the database; the check drops a deleted generation", async () => {
    const uuid = crypto.randomUUID();
    const queue = recordingQueue();
    const url = new URL(await callbackUrlFor(env.PUBLIC_URL, env.KIE_CALLBACK_SECRET, uuid));
    const res = await callWithEnv(
      { KIE_WEBHOOK_HMAC_KEY: undefined, GENERATION_EVENTS: queue },
      url.pathname + url.search,
      { method: "POST", body: JSON.stringify({ data: { taskId: "t" } }) },
    );
    expect(res.status).toBe(200);
    const [message] = queue.sent;
    expect(message).toEqual({
      kind: "generation.check",
      generationUuid: uuid,
      taskId: "t",
      source: "callback",
    });
    const outcome = await checkGeneration(testPipelineDeps(db()).deps, message as CheckGeneration);
    expect(outcome).toBe("skipped");
  });

  it("queues a check for a genuine callback and marks it received", async () => {
    const queue = recordingQueue();
    // A real task at the stand-in, so the callback is the stand-in's own signed request.
    const creator = await signUp();
    const created = await call(
      "/api/generations",
      withCookie(creator.cookie, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ type: "image", model: "z-image", prompt: "a lantern" }),
      }),
    );
    const { generation } = await created.json<{ generation: { uuid: string } }>();
    const row = await generationRow(db(), generation.uuid);
    const taskId = row.remoteTaskId as string;
    await completeTask(taskId);
    await waitForTaskState(taskId, "succeeded");
    const [callback] = (await recordedCallbacks(taskId)) as Recorded[];
    expect(callback).toBeDefined();
    const answer = await replay(callback as Recorded, { GENERATION_EVENTS: queue });
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(queue.sent).toEqual([
      { kind: "generation.check", generationUuid: generation.uuid, taskId, source: "callback" },
    ]);
    // The answer does not wait on the database: the check that follows records the callback.
    expect((await generationRow(db(), generation.uuid)).callbackReceived).toBe(false);
    await checkGeneration(testPipelineDeps(db()).deps, queue.sent[0] as CheckGeneration);
    expect((await generationRow(db(), generation.uuid)).callbackReceived).toBe(true);
  });
});

describe("end to end through the Worker, the queue and R2", () => {
  it("sign in → create 2 images → callback → queue → R2 → succeeded → /media serves the PNGs", async () => {
    const creator = await signUp();
    await insertGrant(db(), creator.id, 100);
    const created = await postJson(
      "/api/generations",
      { type: "image", model: "gpt-4o-image", prompt: "two moon rabbits", count: 2 },
      { cookie: creator.cookie },
    );
    expect(created.status, await created.clone().text()).toBe(202);
    const { generation, statusUrl } = await created.json<{
      generation: { uuid: string };
      statusUrl: string;
    }>();
    const taskId = (await generationRow(db(), generation.uuid)).remoteTaskId as string;
    await completeTask(taskId);
    await waitForTaskState(taskId, "succeeded");
    for (const callback of (await recordedCallbacks(taskId)) as Recorded[]) {
      expect((await replay(callback)).status).toBe(200);
    }

    type Status = {
      status: string;
      successCount: number;
      images: { url: string; index: number }[];
    };
    let status: Status | undefined;
    for (let i = 0; i < 60 && status?.status !== "succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = await (await call(statusUrl, withCookie(creator.cookie))).json<Status>();
    }
    expect(status).toMatchObject({ status: "succeeded", successCount: 2 });
    expect(status?.images.map((i) => i.index)).toEqual([0, 1]);

    for (const image of status?.images ?? []) {
      const media = await call(image.url, withCookie(creator.cookie));
      expect(media.status).toBe(200);
      expect(media.headers.get("content-type")).toBe("image/png");
      const bytes = new Uint8Array(await media.arrayBuffer());
      expect([...bytes.slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      // Private until published: nobody else sees it.
      expect((await call(image.url)).status).toBe(404);
    }
    const balance = await creditSummary(db(), creator.id, new Date());
    expect(balance.balance).toBe(150 - 32);
  });
});
