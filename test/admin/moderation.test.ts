import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it, onTestFinished } from "vitest";
import type { CommunityPage } from "../../src/community/schemas";
import { generationImages } from "../../src/db/schema";
import { adminJson } from "../support/admin";
import { type SignedUpUser, signUp, signUpAdmin, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { seedWorks } from "../support/gallery";
import { call, callWithEnv, expectError } from "../support/http";

const db = useTestDatabase();
// A config style: only pages filtered by config ids are cached. The Redis namespace is this
// test's own, so nobody else's publishing retires (or fills) these cache entries.
const FEED = "/api/community/artworks?style=classic-anime&sort=newest&limit=5";

interface AuditPage {
  items: { action: string; targetType: string; details: Record<string, unknown> | null }[];
}

/** Requests through one Redis namespace: the moderation call must retire this feed's cache. */
function isolated() {
  const env = { RATE_LIMIT_PREFIX: `moderation-${randomUUID()}`, GALLERY_CACHE_TTL_SECONDS: "600" };
  return {
    get: (path: string, init?: RequestInit) => callWithEnv(env, path, init),
    moderate: (admin: SignedUpUser, type: string, uuid: string, body: unknown) =>
      callWithEnv(env, `/api/admin/artworks/${type}/${uuid}/moderation`, {
        method: "POST",
        headers: { "content-type": "application/json", cookie: admin.cookie },
        body: JSON.stringify(body),
      }),
  };
}

async function feedItems(res: Response) {
  expect(res.status).toBe(200);
  return (await res.json<CommunityPage>()).items;
}

describe("POST /api/admin/artworks/:type/:uuid/moderation", () => {
  it("a ban takes the work out of the cached anonymous feed at once; feature and restore too", async () => {
    const app = isolated();
    const admin = await signUpAdmin();
    const owner = await signUp();
    // Far in the future: the newest work of the shared style, on the first page.
    const [work] = await seedWorks(db(), {
      userId: owner.id,
      style: "classic-anime",
      works: [{ type: "image" }],
      now: new Date(Date.now() + 30 * 86_400_000),
    });
    if (!work) throw new Error("seed");
    const detail = `/api/community/artworks/image/${work.uuid}`;
    onTestFinished(async () => {
      // Other files read this shared style's first page: leave no future-dated work in it.
      await db()
        .update(generationImages)
        .set({ visibilityLevel: "private" })
        .where(eq(generationImages.uuid, work.uuid));
    });

    expect((await feedItems(await app.get(FEED))).map((i) => i.uuid)).toContain(work.uuid);
    const cached = await app.get(FEED);
    expect(cached.headers.get("x-cache")).toBe("hit");

    const ban = await app.moderate(admin, "image", work.uuid, { status: "banned", reason: "spam" });
    expect(ban.status).toBe(200);
    expect(await ban.json()).toEqual({
      type: "image",
      uuid: work.uuid,
      moderationStatus: "banned",
      previousStatus: "normal",
      changed: true,
    });
    const afterBan = await app.get(FEED);
    expect(afterBan.headers.get("x-cache")).toBe("miss");
    expect((await feedItems(afterBan)).map((i) => i.uuid)).not.toContain(work.uuid);
    await expectError(await call(detail), 404, "NOT_FOUND");
    const stranger = await signUp();
    await expectError(await call(detail, withCookie(stranger.cookie)), 404, "NOT_FOUND");
    expect((await call(detail, withCookie(owner.cookie))).status).toBe(200);

    const feature = await app.moderate(admin, "image", work.uuid, { status: "featured" });
    expect(await feature.json()).toMatchObject({ previousStatus: "banned", changed: true });
    const featured = (await feedItems(await app.get(FEED))).find((i) => i.uuid === work.uuid);
    expect(featured?.featured).toBe(true);

    await app.moderate(admin, "image", work.uuid, { status: "normal" });
    const restored = (await feedItems(await app.get(FEED))).find((i) => i.uuid === work.uuid);
    expect(restored?.featured).toBe(false);
    expect((await call(detail)).status).toBe(200);

    const audit = await adminJson<AuditPage>(
      admin,
      `/api/admin/audit?action=artworks.moderate&targetId=${work.uuid}`,
    );
    expect(audit.items.map((i) => [i.targetType, i.details])).toEqual([
      ["image", { before: "featured", after: "normal" }],
      ["image", { before: "banned", after: "featured" }],
      ["image", { before: "normal", after: "banned" }],
    ]);
  });

  it("repeating the current status changes nothing and records nothing", async () => {
    const app = isolated();
    const admin = await signUpAdmin();
    const owner = await signUp();
    const [video] = await seedWorks(db(), {
      userId: owner.id,
      style: `t-${randomUUID().slice(0, 8)}`,
      works: [{ type: "video" }],
    });
    if (!video) throw new Error("seed");
    const first = await app.moderate(admin, "video", video.uuid, { status: "banned" });
    expect(await first.json()).toMatchObject({ changed: true, previousStatus: "normal" });
    const again = await app.moderate(admin, "video", video.uuid, { status: "banned" });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({
      type: "video",
      uuid: video.uuid,
      moderationStatus: "banned",
      previousStatus: "banned",
      changed: false,
    });
    const audit = await adminJson<AuditPage>(admin, `/api/admin/audit?targetId=${video.uuid}`);
    expect(audit.items.map((i) => [i.action, i.targetType])).toEqual([
      ["artworks.moderate", "video"],
    ]);
  });

  it("404 for an unknown work or the wrong type, 400 for a bad status, 403 for users", async () => {
    const app = isolated();
    const admin = await signUpAdmin();
    const owner = await signUp();
    const [image] = await seedWorks(db(), {
      userId: owner.id,
      style: `t-${randomUUID().slice(0, 8)}`,
      works: [{ type: "image" }],
    });
    if (!image) throw new Error("seed");
    const ban = { status: "banned" };
    await expectError(await app.moderate(admin, "image", randomUUID(), ban), 404, "NOT_FOUND");
    await expectError(await app.moderate(admin, "video", image.uuid, ban), 404, "NOT_FOUND");
    for (const body of [{ status: "deleted" }, {}, { status: "banned", extra: 1 }]) {
      await expectError(
        await app.moderate(admin, "image", image.uuid, body),
        400,
        "VALIDATION_FAILED",
      );
    }
    await expectError(await app.moderate(admin, "gif", image.uuid, ban), 400, "VALIDATION_FAILED");
    await expectError(await app.moderate(owner, "image", image.uuid, ban), 403, "FORBIDDEN");
    const anonymous = await call(`/api/admin/artworks/image/${image.uuid}/moderation`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(ban),
    });
    await expectError(anonymous, 401, "UNAUTHENTICATED");
    const queue = await adminJson<{ items: { uuid: string; moderationStatus: string }[] }>(
      admin,
      `/api/admin/artworks?userId=${owner.id}`,
    );
    expect(queue.items).toEqual([
      expect.objectContaining({ uuid: image.uuid, moderationStatus: "normal" }),
    ]);
    const audit = await adminJson<AuditPage>(admin, `/api/admin/audit?targetId=${image.uuid}`);
    expect(audit.items).toEqual([]);
  });
});
