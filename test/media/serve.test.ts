import { env } from "cloudflare:test";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { generationImages, generations, generationVideos } from "../../src/db/schema";
import { mediaUrlFor } from "../../src/media/paths";
import { signMediaPath } from "../../src/media/signed-url";
import { type SignedUpUser, signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createGeneration, imageValues } from "../support/fixtures";
import { expectError, call as fetchMedia, postJson } from "../support/http";
import { png } from "./images";

const db = useTestDatabase();
const SECRET = env.KIE_CALLBACK_SECRET;
const PUBLIC = "public, max-age=31536000, immutable";
const PRIVATE = "private, no-cache";

let owner: SignedUpUser;
let stranger: SignedUpUser;
beforeAll(async () => {
  [owner, stranger] = await Promise.all([signUp(), signUp()]);
});

/** An image work of `owner` stored in R2 and in Postgres; returns its key and bytes. */
async function storedImage(
  options: {
    visibility?: "public" | "private";
    moderation?: "normal" | "banned" | "featured";
    deleted?: boolean;
    bytes?: Uint8Array;
  } = {},
) {
  const generation = await createGeneration(db(), owner.id, {
    status: "succeeded",
    deletedAt: options.deleted ? new Date() : null,
  });
  const row = imageValues(generation, {
    visibilityLevel: options.visibility ?? "private",
    moderationStatus: options.moderation ?? "normal",
  });
  const bytes = options.bytes ?? png(16, 16, 3_000);
  await env.MEDIA.put(row.r2Key, bytes, { httpMetadata: { contentType: "image/png" } });
  await db().insert(generationImages).values(row);
  return { key: row.r2Key, path: mediaUrlFor(row.r2Key), bytes, generation };
}

const asUser = (user: SignedUpUser, init: RequestInit = {}) => withCookie(user.cookie, init);
const bodyOf = async (res: Response) => new Uint8Array(await res.arrayBuffer());

describe("GET /media/*: public works", () => {
  it("serves a public image to anyone with immutable caching, type, length, ETag", async () => {
    const image = await storedImage({ visibility: "public" });
    const res = await fetchMedia(image.path);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PUBLIC);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-length")).toBe(String(image.bytes.byteLength));
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    const etag = (await env.MEDIA.head(image.key))?.httpEtag;
    expect(etag).toBeTruthy();
    expect(res.headers.get("etag")).toBe(etag);
    expect(await bodyOf(res)).toEqual(image.bytes);
  });

  it("answers 304 to a matching If-None-Match, and 200 to a stale one", async () => {
    const image = await storedImage({ visibility: "public" });
    const etag = (await fetchMedia(image.path)).headers.get("etag")!;
    const fresh = await fetchMedia(image.path, { headers: { "if-none-match": etag } });
    expect(fresh.status).toBe(304);
    expect(fresh.headers.get("etag")).toBe(etag);
    expect(fresh.headers.get("cache-control")).toBe(PUBLIC);
    expect((await fresh.arrayBuffer()).byteLength).toBe(0);
    const weakList = await fetchMedia(image.path, {
      headers: { "if-none-match": `"other", W/${etag}` },
    });
    expect(weakList.status).toBe(304);
    const stale = await fetchMedia(image.path, { headers: { "if-none-match": '"other"' } });
    expect(stale.status).toBe(200);
  });

  it("a featured public work is public too", async () => {
    const image = await storedImage({ visibility: "public", moderation: "featured" });
    expect((await fetchMedia(image.path)).status).toBe(200);
  });
});

describe("GET /media/*: private works", () => {
  it("404s to anonymous callers and to another user, in the one error shape", async () => {
    const image = await storedImage();
    await expectError(await fetchMedia(image.path), 404, "NOT_FOUND");
    const res = await fetchMedia(image.path, asUser(stranger));
    const body = await expectError(res, 404, "NOT_FOUND");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(JSON.stringify(body)).not.toContain(owner.id);
  });

  it("serves the owner with private caching", async () => {
    const image = await storedImage();
    const res = await fetchMedia(image.path, asUser(owner));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PRIVATE);
    expect(await bodyOf(res)).toEqual(image.bytes);
  });

  it("serves the owner's API key only with the generations:read scope", async () => {
    const image = await storedImage();
    const keyWith = async (scopes: string[]) => {
      const res = await postJson(
        "/api/api-keys",
        { name: `media ${scopes.join(" ")}`, scopes },
        { cookie: owner.cookie },
      );
      expect(res.status).toBe(201);
      return (await res.json<{ secret: string }>()).secret;
    };
    const reader = await keyWith(["generations:read"]);
    const profileOnly = await keyWith(["profile:read"]);
    const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });
    expect((await fetchMedia(image.path, bearer(reader))).status).toBe(200);
    await expectError(await fetchMedia(image.path, bearer(profileOnly)), 404, "NOT_FOUND");
  });

  it("a banned public work is hidden from others but still the owner's", async () => {
    const image = await storedImage({ visibility: "public", moderation: "banned" });
    await expectError(await fetchMedia(image.path), 404, "NOT_FOUND");
    await expectError(await fetchMedia(image.path, asUser(stranger)), 404, "NOT_FOUND");
    const mine = await fetchMedia(image.path, asUser(owner));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe(PRIVATE);
  });

  it("a deleted generation's media is gone for everyone, its owner included", async () => {
    const image = await storedImage({ visibility: "public", deleted: true });
    await expectError(await fetchMedia(image.path), 404, "NOT_FOUND");
    await expectError(await fetchMedia(image.path, asUser(owner)), 404, "NOT_FOUND");
    const signed = await signMediaPath(SECRET, image.key, Math.floor(Date.now() / 1000) + 600);
    await expectError(await fetchMedia(signed), 404, "NOT_FOUND");
  });

  it("becomes visible the moment it is made public, and private again after", async () => {
    const image = await storedImage();
    await expectError(await fetchMedia(image.path), 404, "NOT_FOUND");
    await db()
      .update(generationImages)
      .set({ visibilityLevel: "public" })
      .where(eq(generationImages.r2Key, image.key));
    expect((await fetchMedia(image.path)).status).toBe(200);
    await db()
      .update(generations)
      .set({ deletedAt: new Date() })
      .where(eq(generations.uuid, image.generation.uuid));
    await expectError(await fetchMedia(image.path), 404, "NOT_FOUND");
  });
});

describe("GET /media/*: signed links", () => {
  const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

  it("a valid link serves a private image to anyone holding it", async () => {
    const image = await storedImage();
    const link = await signMediaPath(SECRET, image.key, inSeconds(600));
    expect(link.startsWith(`${image.path}?exp=`)).toBe(true);
    const res = await fetchMedia(link);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe(PRIVATE);
    expect(await bodyOf(res)).toEqual(image.bytes);
  });

  it("an expired, tampered, foreign or wrongly keyed link is a 404", async () => {
    const image = await storedImage();
    const other = await storedImage();
    const expired = await signMediaPath(SECRET, image.key, inSeconds(-1));
    await expectError(await fetchMedia(expired), 404, "NOT_FOUND");

    const valid = new URL(await signMediaPath(SECRET, image.key, inSeconds(600)), "http://x");
    const tamperedExp = `${image.path}?exp=${inSeconds(9_999)}&sig=${valid.searchParams.get("sig")}`;
    await expectError(await fetchMedia(tamperedExp), 404, "NOT_FOUND");
    const sig = valid.searchParams.get("sig")!;
    const flipped = `${sig.slice(0, -1)}${sig.endsWith("A") ? "B" : "A"}`;
    const tamperedSig = `${image.path}?exp=${valid.searchParams.get("exp")}&sig=${flipped}`;
    await expectError(await fetchMedia(tamperedSig), 404, "NOT_FOUND");

    const otherSecret = await signMediaPath(`${SECRET}-other`, image.key, inSeconds(600));
    await expectError(await fetchMedia(otherSecret), 404, "NOT_FOUND");
    // A link for one object does not open another.
    const forOther = new URL(await signMediaPath(SECRET, other.key, inSeconds(600)), "http://x");
    await expectError(await fetchMedia(`${image.path}${forOther.search}`), 404, "NOT_FOUND");
  });
});

describe("GET /media/*: ranges and HEAD", () => {
  it("answers a byte range with 206 and Content-Range, streamed from R2", async () => {
    const image = await storedImage({ visibility: "public" });
    const size = image.bytes.byteLength;
    const res = await fetchMedia(image.path, { headers: { range: "bytes=100-199" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(res.headers.get("content-length")).toBe("100");
    expect(await bodyOf(res)).toEqual(image.bytes.slice(100, 200));

    const tail = await fetchMedia(image.path, { headers: { range: "bytes=-10" } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(await bodyOf(tail)).toEqual(image.bytes.slice(size - 10));

    const open = await fetchMedia(image.path, { headers: { range: `bytes=${size - 5}-` } });
    expect(await bodyOf(open)).toEqual(image.bytes.slice(size - 5));
    const clamped = await fetchMedia(image.path, { headers: { range: `bytes=0-${size + 500}` } });
    expect(clamped.headers.get("content-range")).toBe(`bytes 0-${size - 1}/${size}`);
  });

  it("answers 416 with the size to a range past the end", async () => {
    const image = await storedImage({ visibility: "public" });
    const size = image.bytes.byteLength;
    const res = await fetchMedia(image.path, { headers: { range: `bytes=${size}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get("content-range")).toBe(`bytes */${size}`);
  });

  it("sends the whole object for ranges it does not serve (several, malformed)", async () => {
    const image = await storedImage({ visibility: "public" });
    for (const range of ["bytes=0-1,5-9", "items=0-1", "bytes=9-2"]) {
      const res = await fetchMedia(image.path, { headers: { range } });
      expect(res.status, range).toBe(200);
      expect((await bodyOf(res)).byteLength).toBe(image.bytes.byteLength);
    }
  });

  it("keeps ranges behind the same access rules", async () => {
    const image = await storedImage();
    const res = await fetchMedia(image.path, { headers: { range: "bytes=0-9" } });
    await expectError(res, 404, "NOT_FOUND");
    const mine = await fetchMedia(image.path, asUser(owner, { headers: { range: "bytes=0-9" } }));
    expect(mine.status).toBe(206);
  });

  it("HEAD gives the headers of a GET without a body", async () => {
    const image = await storedImage({ visibility: "public" });
    const res = await fetchMedia(image.path, { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("content-length")).toBe(String(image.bytes.byteLength));
    expect(res.headers.get("etag")).toBeTruthy();
    expect((await res.arrayBuffer()).byteLength).toBe(0);
    const hidden = await storedImage();
    expect((await fetchMedia(hidden.path, { method: "HEAD" })).status).toBe(404);
  });
});

describe("GET /media/*: what a path can name", () => {
  it("serves a video's poster and the video itself by their own keys", async () => {
    const generation = await createGeneration(db(), owner.id, {
      type: "video",
      status: "succeeded",
    });
    const base = `media/${owner.id}/${generation.uuid}`;
    await env.MEDIA.put(`${base}/video.mp4`, new Uint8Array(64), {
      httpMetadata: { contentType: "video/mp4" },
    });
    await env.MEDIA.put(`${base}/poster.png`, png(4, 4), {
      httpMetadata: { contentType: "image/png" },
    });
    await db()
      .insert(generationVideos)
      .values({
        generationUuid: generation.uuid,
        userId: owner.id,
        modelId: "veo3",
        quality: "720p",
        r2Key: `${base}/video.mp4`,
        videoUrl: `/${base}/video.mp4`,
        posterR2Key: `${base}/poster.png`,
        visibilityLevel: "public",
      });
    const video = await fetchMedia(`/${base}/video.mp4`, { headers: { range: "bytes=0-15" } });
    expect(video.status).toBe(206);
    expect(video.headers.get("content-type")).toBe("video/mp4");
    expect((await fetchMedia(`/${base}/poster.png`)).status).toBe(200);
  });

  it("404s for an object in R2 that no work claims, and a work whose object is missing", async () => {
    const orphan = `media/${randomUUID()}/${randomUUID()}/0.png`;
    await env.MEDIA.put(orphan, png(2, 2));
    await expectError(await fetchMedia(`/${orphan}`), 404, "NOT_FOUND");

    const image = await storedImage({ visibility: "public" });
    await env.MEDIA.delete(image.key);
    const res = await fetchMedia(image.path);
    await expectError(res, 404, "NOT_FOUND");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it.each([
    "/media/..%2F..%2Fsecrets.txt",
    "/media/%2e%2e/%2e%2e/secrets.txt",
    "/media/a//b.png",
    "/media/",
    "/media/.hidden/x.png",
    "/media/a/%00.png",
    `/media/${"a".repeat(520)}.png`,
  ])("404s for the malformed path %s", async (path) => {
    await expectError(await fetchMedia(path), 404, "NOT_FOUND");
  });

  it("404s for a traversal even when a work names the escaped key", async () => {
    const generation = await createGeneration(db(), owner.id, { status: "succeeded" });
    const escaped = `media/${owner.id}/../../secrets-${generation.uuid}.txt`;
    await env.MEDIA.put(escaped, "top secret");
    await db()
      .insert(generationImages)
      .values(imageValues(generation, { r2Key: escaped, visibilityLevel: "public" }));
    await expectError(await fetchMedia(`/${escaped}`), 404, "NOT_FOUND");
    await expectError(
      await fetchMedia(`/media/${owner.id}/..%2F..%2Fsecrets-${generation.uuid}.txt`),
      404,
      "NOT_FOUND",
    );
  });
});
