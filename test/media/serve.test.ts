import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { generationImages, generations } from "../../src/db/schema";
import { signMediaPath } from "../../src/media/signed-url";
import { useTestDatabase } from "../support/db";
import { expectError, call as fetchMedia, postJson } from "../support/http";
import { asUser, bodyOf, mediaFixtures, PRIVATE, PUBLIC } from "./stored-image";

const db = useTestDatabase();
const SECRET = env.KIE_CALLBACK_SECRET;
const { people, storedImage } = mediaFixtures(db);

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
    const res = await fetchMedia(image.path, asUser(people.stranger));
    const body = await expectError(res, 404, "NOT_FOUND");
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(JSON.stringify(body)).not.toContain(people.owner.id);
  });

  it("serves the owner with private caching", async () => {
    const image = await storedImage();
    const res = await fetchMedia(image.path, asUser(people.owner));
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
        { cookie: people.owner.cookie },
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
    await expectError(await fetchMedia(image.path, asUser(people.stranger)), 404, "NOT_FOUND");
    const mine = await fetchMedia(image.path, asUser(people.owner));
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe(PRIVATE);
  });

  it("a deleted generation's media is gone for everyone, its owner included", async () => {
    const image = await storedImage({ visibility: "public", deleted: true });
    await expectError(await fetchMedia(image.path), 404, "NOT_FOUND");
    await expectError(await fetchMedia(image.path, asUser(people.owner)), 404, "NOT_FOUND");
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
    // The first character: the last one of 43 carries two unused bits, and flipping only those
    // decodes to the same signature.
    const flipped = `${sig.startsWith("A") ? "B" : "A"}${sig.slice(1)}`;
    const tamperedSig = `${image.path}?exp=${valid.searchParams.get("exp")}&sig=${flipped}`;
    await expectError(await fetchMedia(tamperedSig), 404, "NOT_FOUND");

    const otherSecret = await signMediaPath(`${SECRET}-other`, image.key, inSeconds(600));
    await expectError(await fetchMedia(otherSecret), 404, "NOT_FOUND");
    // A link for one object does not open another.
    const forOther = new URL(await signMediaPath(SECRET, other.key, inSeconds(600)), "http://x");
    await expectError(await fetchMedia(`${image.path}${forOther.search}`), 404, "NOT_FOUND");
  });
});
