import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { creditSummary } from "../../src/credits/queries";
import { credits, generations, user } from "../../src/db/schema";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { insertGrant } from "../support/fixtures";
import { call, callWithEnv, expectError, issuesOf } from "../support/http";
import { failNextProviderCall } from "../support/kie";
import { generationRow } from "../support/pipeline";

const db = useTestDatabase();
const HTTPS_IMAGE = "https://tempfile.aiquickdraw.com/r/reference.png";

type Created = {
  generation: { uuid: string; status: string; creditsCost: number; errorCode: string | null };
  statusUrl: string;
};

function create(
  cookie: string,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return call(
    "/api/generations",
    withCookie(cookie, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ type: "image", model: "gpt-4o-image", prompt: "a kitsune", ...body }),
    }),
  );
}

/** A signed-up creator (50-credit signup bonus) with `extra` more credits. */
async function creator(extra = 0) {
  const user = await signUp();
  if (extra > 0) await insertGrant(db(), user.id, extra);
  return user;
}

const balanceOf = async (userId: string) => (await creditSummary(db(), userId, new Date())).balance;

describe("POST /api/generations", () => {
  it("spends the price, submits the task and answers 202 with a status URL", async () => {
    const user = await creator(100);
    const res = await create(user.cookie, { count: 2, style: "classic-anime" });
    expect(res.status, await res.clone().text()).toBe(202);
    const body = await res.json<Created>();
    expect(body.generation).toMatchObject({ status: "processing", creditsCost: 32 });
    expect(body.statusUrl).toBe(`/api/generations/${body.generation.uuid}`);
    expect(res.headers.get("location")).toBe(body.statusUrl);
    expect(await balanceOf(user.id)).toBe(150 - 32);

    const row = await generationRow(db(), body.generation.uuid);
    expect(row.remoteTaskId).toBeTruthy();
    expect(row.finalPrompt).toBe(
      "a kitsune, classic 2D anime style, clean line art, cel shading, vibrant colors",
    );
    const status = await call(body.statusUrl, withCookie(user.cookie));
    expect(status.status).toBe(200);
  });

  it("answers 402 and writes nothing when credits are short", async () => {
    const user = await creator();
    const res = await create(user.cookie, { count: 4 });
    const body = await expectError(res, 402, "INSUFFICIENT_CREDITS");
    expect(body.error.details).toMatchObject({ required: 64, balance: 50 });
    const rows = await db().select().from(generations).where(eq(generations.userId, user.id));
    expect(rows).toHaveLength(0);
    expect(await balanceOf(user.id)).toBe(50);
  });

  it("refuses values the model does not allow, and someone else's image as a reference", async () => {
    const user = await creator();
    const bad = await create(user.cookie, { count: 3, aspectRatio: "7:5" });
    const paths = issuesOf(await expectError(bad, 400, "VALIDATION_FAILED")).map((i) => i.path);
    expect(paths.sort()).toEqual(["aspectRatio", "count"]);

    const foreign = await create(user.cookie, {
      referenceImages: ["http://example.com/a.png", crypto.randomUUID()],
    });
    const issues = issuesOf(await expectError(foreign, 400, "VALIDATION_FAILED"));
    expect(issues.map((i) => i.path)).toContain("referenceImages.0");
    const second = await create(user.cookie, { referenceImages: [crypto.randomUUID()] });
    expect(issuesOf(await expectError(second, 400, "VALIDATION_FAILED"))[0]).toMatchObject({
      path: "referenceImages.0",
      message: "is not one of your images",
    });
    expect(await balanceOf(user.id)).toBe(50);
  });

  it("refuses video durations, ratios, qualities and image modes a model does not offer, naming the field and charging nothing", async () => {
    const user = await creator(2000);
    const cases: [Record<string, unknown>, string][] = [
      [{ model: "runway", duration: 10, quality: "1080p" }, "quality"],
      [{ model: "sora-2", duration: 12 }, "duration"],
      [{ model: "sora-2", aspectRatio: "1:1" }, "aspectRatio"],
      [{ model: "sora-2", quality: "high" }, "quality"],
      [{ model: "kling", count: 2 }, "count"],
      [{ model: "kling", cameraMotion: "warp-drive" }, "cameraMotion"],
      [{ model: "veo3", imageMode: "reference", referenceImages: [HTTPS_IMAGE] }, "imageMode"],
      [{ model: "veo3_fast", imageMode: "reference" }, "imageMode"],
      [
        { model: "veo3_fast", referenceImages: [HTTPS_IMAGE, HTTPS_IMAGE, HTTPS_IMAGE] },
        "referenceImages",
      ],
      [{ model: "sora-2", referenceImages: [HTTPS_IMAGE, HTTPS_IMAGE] }, "referenceImages"],
      [{ model: "nano-banana", type: "video" }, "model"],
    ];
    for (const [body, field] of cases) {
      const res = await create(user.cookie, { type: "video", ...body });
      const issues = issuesOf(await expectError(res, 400, "VALIDATION_FAILED"));
      expect(
        issues.map((i) => i.path),
        JSON.stringify(body),
      ).toEqual([field]);
    }
    const rows = await db().select().from(generations).where(eq(generations.userId, user.id));
    expect(rows).toHaveLength(0);
    expect(await balanceOf(user.id)).toBe(2050);
  });

  it("starts a video: priced from the table, its choices kept for the video row", async () => {
    const user = await creator(1000);
    const res = await create(user.cookie, {
      type: "video",
      model: "sora-2-pro",
      duration: 15,
      quality: "high",
      aspectRatio: "9:16",
      cameraMotion: "orbit",
    });
    expect(res.status, await res.clone().text()).toBe(202);
    const { generation } = await res.json<Created>();
    expect(generation).toMatchObject({ status: "processing", creditsCost: 900 });
    expect(await balanceOf(user.id)).toBe(1050 - 900);
    const row = await generationRow(db(), generation.uuid);
    expect(row.finalPrompt).toContain("camera orbits around the subject");
    expect(row.metadata.video).toEqual({
      durationSeconds: 15,
      quality: "high",
      ratio: "9:16",
      resolution: null,
      imageMode: "frames",
    });
    expect(row.metadata.provider).toEqual({
      model: "sora-2-pro-text-to-video",
      params: { aspect_ratio: "portrait", n_frames: "15", size: "high", remove_watermark: true },
    });
  });

  it("honours Idempotency-Key: same key and body → the same generation, charged once", async () => {
    const user = await creator();
    const key = `key-${crypto.randomUUID()}`;
    const first = await create(user.cookie, { count: 1 }, { "idempotency-key": key });
    const again = await create(user.cookie, { count: 1 }, { "idempotency-key": key });
    expect(first.status).toBe(202);
    expect(again.status).toBe(202);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const [a, b] = [await first.json<Created>(), await again.json<Created>()];
    expect(b.generation.uuid).toBe(a.generation.uuid);
    expect(await balanceOf(user.id)).toBe(50 - 16);

    const other = await create(user.cookie, { count: 2 }, { "idempotency-key": key });
    await expectError(other, 409, "IDEMPOTENCY_KEY_REUSED");
    expect(await balanceOf(user.id)).toBe(34);
  });

  it("frees a key after 24 hours", async () => {
    const user = await creator(100);
    const key = `key-${crypto.randomUUID()}`;
    const first = await (await create(user.cookie, {}, { "idempotency-key": key })).json<Created>();
    await db()
      .update(generations)
      .set({ createdAt: new Date(Date.now() - 25 * 3600 * 1000) })
      .where(eq(generations.uuid, first.generation.uuid));
    const later = await (await create(user.cookie, {}, { "idempotency-key": key })).json<Created>();
    expect(later.generation.uuid).not.toBe(first.generation.uuid);
    expect(await balanceOf(user.id)).toBe(150 - 32);
  });

  it("a provider error on submit fails the generation and refunds it at once", async () => {
    const user = await creator();
    const marker = `outage-${crypto.randomUUID()}`;
    await failNextProviderCall("/api/v1/gpt4o-image/generate", 500, undefined, { match: marker });
    const res = await create(user.cookie, { count: 1, prompt: `a kitsune ${marker}` });
    expect(res.status).toBe(202);
    const body = await res.json<Created>();
    expect(body.generation).toMatchObject({ status: "failed", errorCode: "PROVIDER_UNAVAILABLE" });
    expect(await balanceOf(user.id)).toBe(50);
    const refunds = await db()
      .select()
      .from(credits)
      .where(
        and(
          eq(credits.transType, "refund"),
          eq(credits.sourceId, `generation:${body.generation.uuid}`),
        ),
      );
    expect(refunds.map((r) => r.amount)).toEqual([16]);
  });

  it("gives members configs/plans.json's multiple of the per-model limit", async () => {
    const member = await creator(1000);
    await db()
      .update(user)
      .set({ isSub: true, subExpiredAt: new Date(Date.now() + 86_400_000) })
      .where(eq(user.id, member.id));
    const perMinute = getConfigs().models.find((m) => m.id === "z-image")?.rateLimit
      .perMinute as number;
    const statuses: number[] = [];
    for (let i = 0; i <= perMinute; i++) {
      statuses.push((await create(member.cookie, { model: "z-image", count: 1 })).status);
    }
    expect(statuses).toEqual(Array(perMinute + 1).fill(202));
  });

  it("limits creates per user and model (429 with Retry-After)", async () => {
    const user = await creator(100);
    const send = () =>
      callWithEnv({ GENERATION_RATE_LIMIT_PER_MINUTE: "2" }, "/api/generations", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: user.cookie },
        body: JSON.stringify({ type: "image", model: "z-image", prompt: "a cat" }),
      });
    expect((await send()).status).toBe(202);
    expect((await send()).status).toBe(202);
    // The sliding window may forget one request right after a minute boundary: allow one more.
    let limited = await send();
    if (limited.status === 202) limited = await send();
    await expectError(limited, 429, "RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
