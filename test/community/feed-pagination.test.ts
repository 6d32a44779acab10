import { describe, expect, it } from "vitest";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import {
  expectedOrder,
  feedPage,
  type SeedWork,
  seedWorks,
  testStyle,
  walkFeed,
} from "../support/gallery";
import { expectError } from "../support/http";

const db = useTestDatabase();
const SORTS = ["newest", "top", "trending"] as const;

/**
 * A few hundred works with the ties a real gallery has: many with 0 likes, clusters with the
 * same like count, and groups created in the same microsecond (one transaction).
 */
function galleryOf(count: number): SeedWork[] {
  return Array.from({ length: count }, (_, i) => ({
    type: i % 4 === 3 ? "video" : "image",
    likes: i % 3 === 0 ? 0 : (i * 7) % 11,
    favorites: i % 5 === 0 ? (i % 4) + 1 : 0,
    ageSeconds: Math.floor(i / 3) * 600,
  }));
}

describe("gallery pagination", () => {
  it("walks several hundred works in every sort with no duplicates, no gaps, in index order", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const works = await seedWorks(db(), { userId: author.id, style, works: galleryOf(320) });
    // Unlisted works share the slice but must never appear.
    await seedWorks(db(), {
      userId: author.id,
      style,
      works: [
        { type: "image", visibility: "private", likes: 50 },
        { type: "video", moderation: "banned", likes: 50 },
      ],
    });
    for (const sort of SORTS) {
      const served = await walkFeed(`sort=${sort}&style=${style}&limit=17`);
      const uuids = served.map((item) => item.uuid);
      expect(new Set(uuids).size, `${sort}: duplicates`).toBe(uuids.length);
      expect(uuids, `${sort}: order`).toEqual(await expectedOrder(db(), style, sort));
      expect(uuids.length, `${sort}: gaps`).toBe(works.length);
    }
  });

  it("type=image and type=video walk only their own kind", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const works = await seedWorks(db(), { userId: author.id, style, works: galleryOf(60) });
    for (const type of ["image", "video"] as const) {
      const served = await walkFeed(`sort=top&type=${type}&style=${style}&limit=7`);
      const expected = works.filter((w) => w.type === type).map((w) => w.uuid);
      expect(served.every((item) => item.type === type)).toBe(true);
      expect(new Set(served.map((i) => i.uuid))).toEqual(new Set(expected));
    }
  });

  it("stays stable while new works arrive during the walk", async () => {
    const author = await createUser(db());
    const style = testStyle();
    const works = await seedWorks(db(), {
      userId: author.id,
      style,
      works: galleryOf(90).map((w) => ({ ...w, ageSeconds: (w.ageSeconds ?? 0) + 3600 })),
    });
    const original = new Set(works.map((w) => w.uuid));
    for (const sort of SORTS) {
      const arrivals: string[] = [];
      const served = await walkFeed(`sort=${sort}&style=${style}&limit=10`, undefined, async () => {
        const [fresh] = await seedWorks(db(), {
          userId: author.id,
          style,
          works: [{ type: "image", likes: 3 }],
        });
        arrivals.push(fresh?.uuid ?? "");
      });
      const uuids = served.map((i) => i.uuid);
      expect(new Set(uuids).size, `${sort}: duplicates`).toBe(uuids.length);
      const fromOriginal = uuids.filter((u) => original.has(u));
      expect(fromOriginal.length, `${sort}: every original work served once`).toBe(original.size);
      expect(arrivals.length).toBeGreaterThan(0);
    }
  });

  it("signed-in walks carry my like flags and paginate the same way", async () => {
    const viewer = await signUp();
    const author = await createUser(db());
    const style = testStyle();
    const works = await seedWorks(db(), { userId: author.id, style, works: galleryOf(25) });
    const target = works[4];
    if (!target) throw new Error("seed failed");
    const like = await feedPage(`style=${style}`, withCookie(viewer.cookie));
    expect(like.body?.items.every((i) => i.liked === false && i.favorited === false)).toBe(true);
    const { call } = await import("../support/http");
    const res = await call(
      `/api/community/artworks/${target.type}/${target.uuid}/like`,
      withCookie(viewer.cookie, { method: "POST" }),
    );
    expect(res.status).toBe(200);
    const served = await walkFeed(`style=${style}&limit=6`, withCookie(viewer.cookie));
    expect(served).toHaveLength(25);
    expect(served.filter((i) => i.liked).map((i) => i.uuid)).toEqual([target.uuid]);
  });
});

describe("gallery cursors", () => {
  async function firstCursor(query: string): Promise<string> {
    const { body } = await feedPage(query);
    if (!body?.nextCursor) throw new Error("expected a next page");
    return body.nextCursor;
  }

  it("a forged, edited or foreign cursor is a 400 INVALID_CURSOR, never a 500", async () => {
    const author = await createUser(db());
    const style = testStyle();
    await seedWorks(db(), { userId: author.id, style, works: galleryOf(12) });
    const cursor = await firstCursor(`sort=top&style=${style}&limit=5`);
    const [payload = "", signature = ""] = cursor.split(".");
    const json = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/")));
    json[0][0] = 999_999; // "skip to the top" by hand
    const edited = btoa(JSON.stringify(json))
      .replace(/\+/g, "-")
      .replace(/\//g, "_")
      .replace(/=+$/, "");
    const forged = [
      `${edited}.${signature}`,
      `${payload}.${signature.slice(1)}A`,
      payload,
      "not-a-cursor",
      `${payload}.${signature}.extra`,
      btoa(JSON.stringify([["'; drop table users; --"], "x"])),
    ];
    for (const bad of forged) {
      const { res } = await feedPage(
        `sort=top&style=${style}&limit=5&cursor=${encodeURIComponent(bad)}`,
      );
      await expectError(res, 400, "INVALID_CURSOR");
    }
    // A genuine cursor of another list (sort, type or filter) is refused too.
    for (const other of [
      `sort=newest&style=${style}`,
      `sort=top&style=${style}&type=image`,
      "sort=top",
    ]) {
      const { res } = await feedPage(`${other}&limit=5&cursor=${encodeURIComponent(cursor)}`);
      await expectError(res, 400, "INVALID_CURSOR");
    }
    const ok = await feedPage(
      `sort=top&style=${style}&limit=5&cursor=${encodeURIComponent(cursor)}`,
    );
    expect(ok.res.status).toBe(200);
    expect(ok.body?.items).toHaveLength(5);
  });

  it("bad filters are 400 VALIDATION_FAILED naming the field", async () => {
    for (const [query, field] of [
      ["sort=hot", "sort"],
      ["type=gif", "type"],
      ["limit=0", "limit"],
      ["limit=61", "limit"],
      ["model=Not%20A%20Model", "model"],
    ] as const) {
      const { res } = await feedPage(query);
      const body = await expectError(res, 400, "VALIDATION_FAILED");
      expect(JSON.stringify(body.error.details)).toContain(field);
    }
  });
});
