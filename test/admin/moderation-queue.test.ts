import { env } from "cloudflare:test";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminCsv, adminJson } from "../support/admin";
import { signUp, signUpAdmin, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { seedWorks } from "../support/gallery";
import { call, expectError, postJson } from "../support/http";

const db = useTestDatabase();

interface QueueItem {
  type: string;
  uuid: string;
  generationUuid: string;
  author: { id: string; email: string };
  prompt: string;
  modelId: string;
  visibility: string;
  moderationStatus: string;
  likeCount: number;
  favoriteCount: number;
  coverUrl: string;
  mediaUrl: string;
  createdAt: string;
}
interface QueuePage {
  items: QueueItem[];
  nextCursor: string | null;
}

const style = () => `t-${randomUUID().slice(0, 12)}`;

describe("GET /api/admin/artworks (moderation queue)", () => {
  it("lists public works of every status by default, newest first, with filters and paging", async () => {
    const admin = await signUpAdmin();
    const owner = await signUp();
    const [banned, featured, hidden, video, normal] = await seedWorks(db(), {
      userId: owner.id,
      style: style(),
      works: [
        { type: "image", moderation: "banned", ageSeconds: 10 },
        { type: "image", moderation: "featured", ageSeconds: 20, likes: 3, favorites: 1 },
        { type: "image", visibility: "private", ageSeconds: 30 },
        { type: "video", ageSeconds: 40, prompt: `long ${"x".repeat(400)}` },
        { type: "image", ageSeconds: 50 },
      ],
    });
    if (!banned || !featured || !hidden || !video || !normal) throw new Error("seed");
    const uuids = async (query: string) =>
      (
        await adminJson<QueuePage>(admin, `/api/admin/artworks?userId=${owner.id}${query}`)
      ).items.map((i) => i.uuid);

    expect(await uuids("")).toEqual([banned.uuid, featured.uuid, video.uuid, normal.uuid]);
    expect(await uuids("&moderation=banned")).toEqual([banned.uuid]);
    expect(await uuids("&visibility=private")).toEqual([hidden.uuid]);
    expect(await uuids("&visibility=all&type=image")).toEqual([
      banned.uuid,
      featured.uuid,
      hidden.uuid,
      normal.uuid,
    ]);
    expect(await uuids("&type=video")).toEqual([video.uuid]);

    const page = await adminJson<QueuePage>(admin, `/api/admin/artworks?userId=${owner.id}`);
    const videoItem = page.items.find((i) => i.uuid === video.uuid);
    expect(videoItem).toMatchObject({
      type: "video",
      generationUuid: video.generationUuid,
      author: { id: owner.id, email: owner.email },
      modelId: "kling",
      visibility: "public",
      moderationStatus: "normal",
      coverUrl: `/media/${owner.id}/${video.generationUuid}/0-poster.png`,
      mediaUrl: `/media/${owner.id}/${video.generationUuid}/0.mp4`,
    });
    expect(videoItem?.prompt).toHaveLength(281);
    expect(videoItem?.prompt.endsWith("…")).toBe(true);
    expect(page.items.find((i) => i.uuid === featured.uuid)).toMatchObject({
      moderationStatus: "featured",
      likeCount: 3,
      favoriteCount: 1,
      coverUrl: `/media/${owner.id}/${featured.generationUuid}/0.png`,
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
      const next: QueuePage = await adminJson(
        admin,
        `/api/admin/artworks?userId=${owner.id}&visibility=all&limit=2${after}`,
      );
      seen.push(...next.items.map((i) => i.uuid));
      cursor = next.nextCursor;
    } while (cursor);
    expect(seen).toEqual([banned.uuid, featured.uuid, hidden.uuid, video.uuid, normal.uuid]);

    const { rows } = await adminCsv(admin, `/api/admin/artworks?userId=${owner.id}&limit=1`);
    expect(rows.map((r) => [r.uuid, r.type, r.moderation_status, r.author_email])).toEqual([
      [banned.uuid, "image", "banned", owner.email],
      [featured.uuid, "image", "featured", owner.email],
      [video.uuid, "video", "normal", owner.email],
      [normal.uuid, "image", "normal", owner.email],
    ]);
  });

  it("rejects bad filters; admins only", async () => {
    const admin = await signUpAdmin();
    for (const query of ["type=gif", "moderation=hidden", "visibility=friends", "userId=x"]) {
      await expectError(
        await call(`/api/admin/artworks?${query}`, withCookie(admin.cookie)),
        400,
        "VALIDATION_FAILED",
      );
    }
    const user = await signUp();
    await expectError(await call("/api/admin/artworks", withCookie(user.cookie)), 403, "FORBIDDEN");
  });
});

describe("admin preview of hidden media", () => {
  it("a signed-in admin opens a banned or private work's media, uncached; others get 404", async () => {
    const admin = await signUpAdmin();
    const owner = await signUp();
    const stranger = await signUp();
    const [work, privateWork] = await seedWorks(db(), {
      userId: owner.id,
      style: style(),
      works: [{ type: "image" }, { type: "image", visibility: "private" }],
    });
    if (!work || !privateWork) throw new Error("seed");
    const key = (w: typeof work) => `media/${owner.id}/${w.generationUuid}/0.png`;
    const bytes = new Uint8Array([137, 80, 78, 71, 1, 2, 3, 4]);
    for (const w of [work, privateWork]) {
      await env.MEDIA.put(key(w), bytes, { httpMetadata: { contentType: "image/png" } });
    }
    const url = (w: typeof work) => `/${key(w)}`;
    expect((await call(url(work))).headers.get("cache-control")).toMatch(/^public/);

    const ban = await postJson(
      `/api/admin/artworks/image/${work.uuid}/moderation`,
      { status: "banned" },
      { cookie: admin.cookie },
    );
    expect(ban.status).toBe(200);

    for (const w of [work, privateWork]) {
      const preview = await call(url(w), withCookie(admin.cookie));
      expect(preview.status).toBe(200);
      expect(preview.headers.get("cache-control")).toBe("private, no-store");
      expect(new Uint8Array(await preview.arrayBuffer())).toEqual(bytes);
      await expectError(await call(url(w)), 404, "NOT_FOUND");
      await expectError(await call(url(w), withCookie(stranger.cookie)), 404, "NOT_FOUND");
      // The owner keeps their usual private, revalidated access.
      const own = await call(url(w), withCookie(owner.cookie));
      expect(own.status).toBe(200);
      expect(own.headers.get("cache-control")).toBe("private, no-cache");
      await own.arrayBuffer();
    }
  });
});
