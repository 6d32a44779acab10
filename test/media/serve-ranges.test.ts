import { env } from "cloudflare:test";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generationImages, generationVideos } from "../../src/db/schema";
import { useTestDatabase } from "../support/db";
import { createGeneration, imageValues } from "../support/fixtures";
import { expectError, call as fetchMedia } from "../support/http";
import { png } from "./images";
import { asUser, bodyOf, mediaFixtures } from "./stored-image";

const db = useTestDatabase();
const _SECRET = env.KIE_CALLBACK_SECRET;
const { people, storedImage } = mediaFixtures(db);

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
    const mine = await fetchMedia(
      image.path,
      asUser(people.owner, { headers: { range: "bytes=0-9" } }),
    );
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
    const generation = await createGeneration(db(), people.owner.id, {
      type: "video",
      status: "succeeded",
    });
    const base = `media/${people.owner.id}/${generation.uuid}`;
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
        userId: people.owner.id,
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
    const generation = await createGeneration(db(), people.owner.id, { status: "succeeded" });
    const escaped = `media/${people.owner.id}/../../secrets-${generation.uuid}.txt`;
    await env.MEDIA.put(escaped, "top secret");
    await db()
      .insert(generationImages)
      .values(imageValues(generation, { r2Key: escaped, visibilityLevel: "public" }));
    await expectError(await fetchMedia(`/${escaped}`), 404, "NOT_FOUND");
    await expectError(
      await fetchMedia(`/media/${people.owner.id}/..%2F..%2Fsecrets-${generation.uuid}.txt`),
      404,
      "NOT_FOUND",
    );
  });
});
