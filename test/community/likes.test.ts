import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { InteractionState } from "../../src/community/schemas";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { seedWorks, testStyle } from "../support/gallery";
import { call, expectError } from "../support/http";

const db = useTestDatabase({ max: 20 });

async function oneWork(type: "image" | "video", extra: Record<string, unknown> = {}) {
  const author = await createUser(db());
  const [work] = await seedWorks(db(), {
    userId: author.id,
    style: testStyle(),
    works: [{ type, ...extra }],
  });
  if (!work) throw new Error("seed failed");
  return work;
}

function interact(cookie: string, path: string, method: "POST" | "DELETE") {
  return call(path, withCookie(cookie, { method }));
}

async function counters(type: "image" | "video", uuid: string) {
  const table = sql.raw(type === "image" ? "generation_images" : "generation_videos");
  const result = await db().execute<{ like_count: number; favorite_count: number; likes: number }>(
    sql`select like_count, favorite_count,
      (select count(*)::int from user_interactions where art_id = ${uuid}::uuid
        and interaction_type = 'like') as likes
    from ${table} where uuid = ${uuid}::uuid`,
  );
  return result.rows[0];
}

/** Signed-up users, ten sign-ups at a time (password hashing is the slow part). */
async function crowd(size: number): Promise<string[]> {
  const cookies: string[] = [];
  while (cookies.length < size) {
    const batch = Math.min(10, size - cookies.length);
    const users = await Promise.all(Array.from({ length: batch }, () => signUp()));
    cookies.push(...users.map((u) => u.cookie));
  }
  return cookies;
}

describe("likes and favorites", () => {
  it("like, like again, unlike, unlike again: counts move once each way and never below zero", async () => {
    const me = await signUp();
    const work = await oneWork("image");
    const path = `/api/community/artworks/image/${work.uuid}/like`;
    const first = await (await interact(me.cookie, path, "POST")).json<InteractionState>();
    expect(first).toMatchObject({ liked: true, favorited: false, likeCount: 1, favoriteCount: 0 });
    const again = await (await interact(me.cookie, path, "POST")).json<InteractionState>();
    expect(again.likeCount).toBe(1);
    const undone = await (await interact(me.cookie, path, "DELETE")).json<InteractionState>();
    expect(undone).toMatchObject({ liked: false, likeCount: 0 });
    const twice = await (await interact(me.cookie, path, "DELETE")).json<InteractionState>();
    expect(twice).toMatchObject({ liked: false, likeCount: 0 });
    expect(await counters("image", work.uuid)).toMatchObject({ like_count: 0, likes: 0 });
  });

  it("favorites count separately from likes, on videos too", async () => {
    const me = await signUp();
    const work = await oneWork("video");
    const base = `/api/community/artworks/video/${work.uuid}`;
    await interact(me.cookie, `${base}/like`, "POST");
    const fav = await (
      await interact(me.cookie, `${base}/favorite`, "POST")
    ).json<InteractionState>();
    expect(fav).toMatchObject({ liked: true, favorited: true, likeCount: 1, favoriteCount: 1 });
    const unfav = await (
      await interact(me.cookie, `${base}/favorite`, "DELETE")
    ).json<InteractionState>();
    expect(unfav).toMatchObject({ liked: true, favorited: false, likeCount: 1, favoriteCount: 0 });
  });

  it("private, banned, unknown or wrongly typed works are 404 and change nothing", async () => {
    const me = await signUp();
    const privateWork = await oneWork("image", { visibility: "private" });
    const banned = await oneWork("video", { moderation: "banned", likes: 4 });
    const image = await oneWork("image");
    const cases = [
      `/api/community/artworks/image/${privateWork.uuid}/like`,
      `/api/community/artworks/video/${banned.uuid}/favorite`,
      `/api/community/artworks/video/${image.uuid}/like`,
      "/api/community/artworks/image/00000000-0000-4000-8000-000000000000/like",
    ];
    for (const path of cases) {
      await expectError(await interact(me.cookie, path, "POST"), 404, "NOT_FOUND");
      await expectError(await interact(me.cookie, path, "DELETE"), 404, "NOT_FOUND");
    }
    expect(await counters("video", banned.uuid)).toMatchObject({ like_count: 4 });
    expect(await counters("image", privateWork.uuid)).toMatchObject({ like_count: 0, likes: 0 });
    await expectError(
      await interact(me.cookie, "/api/community/artworks/gif/not-a-uuid/like", "POST"),
      400,
      "VALIDATION_FAILED",
    );
  });

  it("50 users liking at once give a count of exactly 50", { timeout: 60_000 }, async () => {
    const work = await oneWork("image");
    const cookies = await crowd(50);
    const path = `/api/community/artworks/image/${work.uuid}/like`;
    const answers = await Promise.all(cookies.map((cookie) => interact(cookie, path, "POST")));
    expect(answers.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await counters("image", work.uuid)).toMatchObject({ like_count: 50, likes: 50 });
  });

  it("one user's like and unlike racing leave the count equal to the rows (0 or 1)", async () => {
    const work = await oneWork("image");
    const cookie = (await signUp()).cookie;
    const path = `/api/community/artworks/image/${work.uuid}/like`;
    for (let round = 0; round < 5; round += 1) {
      const methods = Array.from({ length: 10 }, (_, i): "POST" | "DELETE" =>
        i % 2 ? "DELETE" : "POST",
      );
      const answers = await Promise.all(methods.map((m) => interact(cookie, path, m)));
      expect(answers.every((r) => r.status === 200)).toBe(true);
      const state = await counters("image", work.uuid);
      expect([0, 1]).toContain(state?.like_count);
      expect(state?.like_count).toBe(state?.likes);
    }
  });

  it("an API key needs the community:write scope", async () => {
    const me = await signUp();
    const work = await oneWork("image");
    const keyFor = async (scopes: string[]) => {
      const res = await call("/api/api-keys", {
        method: "POST",
        headers: { "content-type": "application/json", cookie: me.cookie },
        body: JSON.stringify({ name: `k-${scopes.join("-")}`, scopes }),
      });
      return (await res.json<{ secret: string }>()).secret;
    };
    const path = `/api/community/artworks/image/${work.uuid}/like`;
    const readOnly = await keyFor(["profile:read"]);
    await expectError(
      await call(path, { method: "POST", headers: { authorization: `Bearer ${readOnly}` } }),
      403,
      "API_KEY_SCOPE_MISSING",
    );
    const writer = await keyFor(["community:write"]);
    const ok = await call(path, { method: "POST", headers: { authorization: `Bearer ${writer}` } });
    expect((await ok.json<InteractionState>()).likeCount).toBe(1);
  });
});
