import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { CommunityPage } from "../../src/community/schemas";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { seedWorks } from "../support/gallery";
import { call, callWithEnv, expectError } from "../support/http";

const db = useTestDatabase();
// A config style: only pages filtered by real config ids are cached. The Redis namespace is
// the test's own, so no other test's publishing retires (or fills) these cache entries.
const STYLE = "classic-anime";
const FEED = `/api/community/artworks?style=${STYLE}&sort=newest&limit=5`;

function isolated() {
  const env = { RATE_LIMIT_PREFIX: `cache-test-${randomUUID()}`, GALLERY_CACHE_TTL_SECONDS: "1" };
  return {
    get: (path: string, init?: RequestInit) => callWithEnv(env, path, init),
    patch: (path: string, body: unknown, cookie: string) =>
      callWithEnv(env, path, {
        method: "PATCH",
        headers: { "content-type": "application/json", cookie },
        body: JSON.stringify(body),
      }),
  };
}

async function itemsOf(res: Response) {
  expect(res.status).toBe(200);
  return (await res.json<CommunityPage>()).items;
}

describe("gallery cache and conditional requests", () => {
  it("caches anonymous first pages; publishing shows at once, likes after the TTL", async () => {
    const app = isolated();
    const owner = await signUp();
    const [work, later] = await seedWorks(db(), {
      userId: owner.id,
      style: STYLE,
      works: [{ type: "image" }, { type: "image", visibility: "private" }],
      now: new Date(Date.now() + 3_600_000),
    });
    if (!work || !later) throw new Error("seed");

    const first = await app.get(FEED);
    expect(first.headers.get("x-cache")).toBe("miss");
    expect((await itemsOf(first)).find((i) => i.uuid === work.uuid)?.likeCount).toBe(0);
    const second = await app.get(FEED);
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.headers.get("etag")).toBe(first.headers.get("etag"));

    const fan = await signUp();
    const like = await call(
      `/api/community/artworks/image/${work.uuid}/like`,
      withCookie(fan.cookie, { method: "POST" }),
    );
    expect(like.status).toBe(200);
    // Signed-in readers bypass the cache and see the like at once; visitors within the TTL.
    const signedIn = await app.get(FEED, withCookie(fan.cookie));
    expect(signedIn.headers.get("x-cache")).toBe("bypass");
    expect((await itemsOf(signedIn)).find((i) => i.uuid === work.uuid)).toMatchObject({
      likeCount: 1,
      liked: true,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const expired = await app.get(FEED);
    expect(expired.headers.get("x-cache")).toBe("miss");
    expect((await itemsOf(expired)).find((i) => i.uuid === work.uuid)?.likeCount).toBe(1);
    expect((await app.get(FEED)).headers.get("x-cache")).toBe("hit");

    const published = await app.patch(
      `/api/artworks/image/${later.uuid}`,
      { visibility: "public" },
      owner.cookie,
    );
    expect(published.status).toBe(200);
    const afterPublish = await app.get(FEED);
    expect(afterPublish.headers.get("x-cache")).toBe("miss");
    expect((await itemsOf(afterPublish)).map((i) => i.uuid)).toContain(later.uuid);
  });

  it("answers 304 to If-None-Match with the page's ETag, 200 once the page changes", async () => {
    const owner = await signUp();
    const [work] = await seedWorks(db(), {
      userId: owner.id,
      style: "t-etag",
      works: [{ type: "video" }],
    });
    const path = "/api/community/artworks?style=t-etag-none";
    const res = await call(path);
    const etag = res.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    const again = await call(path, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const mine = await call(`/api/users/${owner.id}/artworks`);
    expect((await mine.json<CommunityPage>()).items.map((i) => i.uuid)).toEqual([work?.uuid]);
    const stale = await call(`/api/community/artworks?style=t-etag&type=video`, {
      headers: { "if-none-match": etag },
    });
    expect(stale.status).toBe(200);
  });

  it("keeps serving from Postgres when Redis is down", async () => {
    const res = await callWithEnv({ UPSTASH_REDIS_REST_URL: "http://127.0.0.1:9" }, FEED);
    expect(res.status).toBe(200);
  });
});

describe("anonymous browsing limit", () => {
  it("limits signed-out visitors per IP on the feed and detail; signed-in readers are not counted", async () => {
    const env = {
      RATE_LIMIT_PREFIX: `gallery-limit-${randomUUID()}`,
      RATE_LIMITS: JSON.stringify({ galleryAnonymous: { limit: 3, windowSeconds: 86_400 } }),
    };
    const ip = { "cf-connecting-ip": "203.0.113.77" };
    const statuses: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      statuses.push((await callWithEnv(env, "/api/community/artworks", { headers: ip })).status);
    }
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await callWithEnv(
      env,
      "/api/community/artworks/image/00000000-0000-4000-8000-000000000000",
      { headers: ip },
    );
    await expectError(limited, 429, "RATE_LIMITED");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const other = await callWithEnv(env, "/api/community/artworks", {
      headers: { "cf-connecting-ip": "203.0.113.78" },
    });
    expect(other.status).toBe(200);
    const member = await signUp();
    const signedIn = await callWithEnv(env, "/api/community/artworks", {
      headers: { ...ip, cookie: member.cookie },
    });
    expect(signedIn.status).toBe(200);
  });
});
