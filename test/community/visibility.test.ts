import { describe, expect, it } from "vitest";
import type { ArtworkDetail, CommunityPage } from "../../src/community/schemas";
import { patchJson, signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { feedPage, seedWorks, testStyle } from "../support/gallery";
import { call, expectError } from "../support/http";

const db = useTestDatabase();

describe("what the gallery lists", () => {
  it("lists public works only: private, banned and deleted never; featured flagged", async () => {
    const owner = await signUp({ name: "Mika" });
    const style = testStyle();
    const [pub, priv, banned, featured, video, toDelete] = await seedWorks(db(), {
      userId: owner.id,
      style,
      works: [
        { type: "image", ageSeconds: 50, prompt: `a long prompt ${"word ".repeat(80)}` },
        { type: "image", visibility: "private", ageSeconds: 40 },
        { type: "image", moderation: "banned", ageSeconds: 30 },
        { type: "image", moderation: "featured", ageSeconds: 20 },
        { type: "video", ageSeconds: 10, model: "kling" },
        { type: "image", ageSeconds: 5 },
      ],
    });
    if (!pub || !priv || !banned || !featured || !video || !toDelete) throw new Error("seed");
    const del = await call(
      `/api/generations/${toDelete.generationUuid}`,
      withCookie(owner.cookie, { method: "DELETE" }),
    );
    expect(del.status).toBe(204);

    for (const sort of ["newest", "top", "trending"]) {
      const { body } = await feedPage(`sort=${sort}&style=${style}`, withCookie(owner.cookie));
      expect(new Set(body?.items.map((i) => i.uuid))).toEqual(
        new Set([pub.uuid, featured.uuid, video.uuid]),
      );
    }
    const { body } = await feedPage(`style=${style}`);
    const items = body?.items ?? [];
    expect(items.map((i) => i.uuid)).toEqual([video.uuid, featured.uuid, pub.uuid]);
    expect(items.map((i) => i.featured)).toEqual([false, true, false]);
    const [v, , p] = items;
    expect(v).toMatchObject({
      type: "video",
      author: { id: owner.id, displayName: "Mika" },
      model: { id: "kling" },
      coverUrl: expect.stringMatching(/^\/media\/.+0-poster\.png$/),
      mediaUrl: expect.stringMatching(/^\/media\/.+0\.mp4$/),
      durationSeconds: 5,
    });
    expect(v?.model.name).toBe("Kling 2.6");
    expect(v?.liked).toBeUndefined();
    expect(p?.promptTruncated).toBe(true);
    expect(p?.prompt.endsWith("…")).toBe(true);
    expect(p?.prompt.length).toBeLessThanOrEqual(281);
  });

  it("detail: listed works to anyone, my private or banned work to me, 404 to everyone else", async () => {
    const owner = await signUp();
    const stranger = await signUp();
    const style = testStyle();
    const [pub, priv, banned] = await seedWorks(db(), {
      userId: owner.id,
      style,
      works: [
        { type: "video" },
        { type: "image", visibility: "private" },
        { type: "image", moderation: "banned" },
      ],
    });
    if (!pub || !priv || !banned) throw new Error("seed");
    const detail = await call(`/api/community/artworks/video/${pub.uuid}`);
    expect(detail.status).toBe(200);
    const body = await detail.json<ArtworkDetail>();
    expect(body).toMatchObject({
      uuid: pub.uuid,
      visibility: "public",
      generationUuid: pub.generationUuid,
    });
    expect(body.moderationStatus).toBeUndefined();
    expect(body.reuseUrl).toBe(`/api/artworks/video/${pub.uuid}/reuse`);

    for (const work of [priv, banned]) {
      const path = `/api/community/artworks/image/${work.uuid}`;
      await expectError(await call(path), 404, "NOT_FOUND");
      await expectError(await call(path, withCookie(stranger.cookie)), 404, "NOT_FOUND");
      const mine = await call(path, withCookie(owner.cookie));
      expect(mine.status).toBe(200);
      expect((await mine.json<ArtworkDetail>()).moderationStatus).toBeDefined();
    }
    await expectError(await call(`/api/community/artworks/image/${pub.uuid}`), 404, "NOT_FOUND");
  });

  it("a user's public works: only listed ones, newest first; unknown users 404", async () => {
    const owner = await signUp();
    const style = testStyle();
    const works = await seedWorks(db(), {
      userId: owner.id,
      style,
      works: [
        { type: "image", ageSeconds: 30 },
        { type: "video", ageSeconds: 20 },
        { type: "image", ageSeconds: 10, visibility: "private" },
      ],
    });
    const res = await call(`/api/users/${owner.id}/artworks?limit=1`);
    const first = await res.json<CommunityPage>();
    expect(first.items.map((i) => i.uuid)).toEqual([works[1]?.uuid]);
    const next = await call(
      `/api/users/${owner.id}/artworks?limit=1&cursor=${encodeURIComponent(first.nextCursor ?? "")}`,
    );
    const second = await next.json<CommunityPage>();
    expect(second.items.map((i) => i.uuid)).toEqual([works[0]?.uuid]);
    expect(second.nextCursor).toBeNull();
    const empty = await createUser(db());
    expect(
      (await (await call(`/api/users/${empty.id}/artworks`)).json<CommunityPage>()).items,
    ).toEqual([]);
    await expectError(
      await call("/api/users/00000000-0000-4000-8000-000000000000/artworks"),
      404,
      "NOT_FOUND",
    );
    await expectError(await call("/api/users/nobody/artworks"), 404, "NOT_FOUND");
  });

  it("my likes and favorites: newest interaction first, paginated, hidden works drop out", async () => {
    const me = await signUp();
    const author = await signUp();
    const style = testStyle();
    const works = await seedWorks(db(), {
      userId: author.id,
      style,
      works: [{ type: "image" }, { type: "video" }, { type: "image" }],
    });
    for (const work of works) {
      const res = await call(
        `/api/community/artworks/${work.type}/${work.uuid}/like`,
        withCookie(me.cookie, { method: "POST" }),
      );
      expect(res.status).toBe(200);
    }
    await call(
      `/api/community/artworks/video/${works[1]?.uuid}/favorite`,
      withCookie(me.cookie, { method: "POST" }),
    );
    const page1 = await (
      await call("/api/me/likes?limit=2", withCookie(me.cookie))
    ).json<CommunityPage>();
    expect(page1.items.map((i) => i.uuid)).toEqual([works[2]?.uuid, works[1]?.uuid]);
    expect(page1.items.every((i) => i.liked)).toBe(true);
    const page2 = await (
      await call(
        `/api/me/likes?limit=2&cursor=${encodeURIComponent(page1.nextCursor ?? "")}`,
        withCookie(me.cookie),
      )
    ).json<CommunityPage>();
    expect(page2.items.map((i) => i.uuid)).toEqual([works[0]?.uuid]);
    const favs = await (
      await call("/api/me/favorites", withCookie(me.cookie))
    ).json<CommunityPage>();
    expect(favs.items.map((i) => i.uuid)).toEqual([works[1]?.uuid]);
    // Another user's cursor is not mine to replay.
    const other = await signUp();
    await expectError(
      await call(
        `/api/me/likes?cursor=${encodeURIComponent(page1.nextCursor ?? "")}`,
        withCookie(other.cookie),
      ),
      400,
      "INVALID_CURSOR",
    );
    const hidden = await patchJson(
      `/api/artworks/image/${works[2]?.uuid}`,
      { visibility: "private" },
      { cookie: author.cookie },
    );
    expect(hidden.status).toBe(200);
    const after = await (await call("/api/me/likes", withCookie(me.cookie))).json<CommunityPage>();
    expect(after.items.map((i) => i.uuid)).toEqual([works[1]?.uuid, works[0]?.uuid]);
    await expectError(await call("/api/me/likes"), 401, "UNAUTHENTICATED");
  });
});
