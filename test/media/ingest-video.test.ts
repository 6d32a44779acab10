import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MULTIPART_PART_BYTES as PART } from "../../src/media/store";
import { streamed } from "./fake-fetch";
import { generatedBody, multipartEtag } from "./generated-body";
import {
  ingest,
  keyBase,
  MiB,
  mp4Response,
  sourceHash,
  spyBucket,
  storedHash,
} from "./video-ingest-support";
import { mp4, mp4Header, webm } from "./videos";

describe("ingestResultToR2 (video): stored byte for byte", () => {
  it("streams an MP4 with a Content-Length through one put", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: 3 * MiB + 123, withLength: true });
    const { bucket, uploads, puts } = spyBucket();
    const result = await ingest(
      () => new Response(source.body.stream, { headers: source.headers }),
      { keyBase: base, bucket },
    );
    expect(result).toEqual({
      r2Key: `${base}.mp4`,
      contentType: "video/mp4",
      byteSize: source.size,
      width: null,
      height: null,
      codec: "h264",
    });
    expect(uploads).toEqual([]);
    expect(puts).toEqual([result.r2Key]);
    const stored = await env.MEDIA.head(result.r2Key);
    expect(stored?.size).toBe(source.size);
    expect(stored?.httpMetadata?.contentType).toBe("video/mp4");
    expect(stored?.httpMetadata?.cacheControl).toBe("private, no-cache");
    expect(await storedHash(result.r2Key)).toBe(await sourceHash(source.header, 3 * MiB + 123));
  });

  it("uploads a WebM without Content-Length in fixed-size parts", async () => {
    const base = keyBase();
    const header = webm({ codecs: ["V_VP9", "A_OPUS"] });
    const mediaBytes = 2 * PART + 5_000;
    const body = generatedBody(header, { mediaBytes, chunkBytes: 100_000 });
    const { bucket, uploads } = spyBucket();
    const result = await ingest(() => new Response(body.stream), { keyBase: base, bucket });
    expect(result).toEqual({
      r2Key: `${base}.webm`,
      contentType: "video/webm",
      byteSize: header.byteLength + mediaBytes,
      width: null,
      height: null,
      codec: "vp9",
    });
    expect(uploads).toMatchObject([{ parts: 3, aborted: false }]);
    const stored = await env.MEDIA.head(result.r2Key);
    expect(stored?.size).toBe(header.byteLength + mediaBytes);
    expect(stored?.etag).toMatch(/^[0-9a-f]{32}-3$/);
    expect(stored?.etag).toBe(
      await multipartEtag(generatedBody(header, { mediaBytes }).stream, PART),
    );
    expect(stored?.httpMetadata).toMatchObject({
      contentType: "video/webm",
      cacheControl: "private, no-cache",
    });
    expect(await storedHash(result.r2Key)).toBe(await sourceHash(header, mediaBytes));
  });

  it("ends a body of exactly two parts with a full-size last part", async () => {
    const header = mp4Header(0);
    const mediaBytes = 2 * PART - header.byteLength;
    const body = generatedBody(header, { mediaBytes });
    const { bucket, uploads } = spyBucket();
    const result = await ingest(() => new Response(body.stream), { bucket });
    expect(result.byteSize).toBe(2 * PART);
    expect(uploads).toMatchObject([{ parts: 2, aborted: false }]);
    expect((await env.MEDIA.head(result.r2Key))?.etag).toMatch(/-2$/);
    expect(await storedHash(result.r2Key)).toBe(await sourceHash(header, mediaBytes));
  });

  it("stores a body that fits in one part with a plain put, no multipart upload", async () => {
    const bytes = mp4({ codec: "hvc1", mediaBytes: 300_000 });
    const { bucket, uploads, puts } = spyBucket();
    const result = await ingest(() => new Response(streamed(bytes, 10_000)), { bucket });
    expect(result).toMatchObject({ byteSize: bytes.byteLength, codec: "h265" });
    expect(uploads).toEqual([]);
    expect(puts).toEqual([result.r2Key]);
    const stored = await env.MEDIA.get(result.r2Key);
    expect(stored?.etag).not.toContain("-");
    expect(Buffer.from(await stored!.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("ingests a 200 MiB chunked video without holding it, in 25 parts", async () => {
    const mediaBytes = 200 * MiB - mp4Header(0).byteLength;
    const source = mp4Response({ mediaBytes });
    const { bucket, uploads } = spyBucket();
    const started = performance.now();
    const result = await ingest(() => new Response(source.body.stream), { bucket });
    const ingestMs = performance.now() - started;
    expect(result).toMatchObject({ byteSize: 200 * MiB, contentType: "video/mp4", codec: "h264" });
    expect(uploads).toMatchObject([{ parts: 25, aborted: false }]);
    const stored = await env.MEDIA.head(result.r2Key);
    expect(stored?.size).toBe(200 * MiB);
    // Miniflare, like R2, names a multipart object's ETag `<md5 of the part md5s>-<parts>`.
    // Recomputing it from the source checks every part's bytes without reading 200 MiB back.
    expect(stored?.etag).toMatch(/^[0-9a-f]{32}-25$/);
    const again = generatedBody(source.header, { mediaBytes }).stream;
    expect(stored?.etag).toBe(await multipartEtag(again, PART));
    console.info(`200 MiB ingest: ${Math.round(ingestMs)} ms`);
  }, 120_000);

  it("ingests the same video twice into one object with the same bytes", async () => {
    const base = keyBase();
    const bytes = mp4({ mediaBytes: 50_000 });
    const first = await ingest(() => new Response(bytes), { keyBase: base });
    const second = await ingest(() => new Response(streamed(bytes)), { keyBase: base });
    expect(second).toEqual(first);
    expect((await env.MEDIA.list({ prefix: base })).objects.map((o) => o.key)).toEqual([
      first.r2Key,
    ]);
  });
});
