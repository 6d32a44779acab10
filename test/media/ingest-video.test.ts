import { env } from "cloudflare:test";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type FetchPolicy, MediaFetchError } from "../../src/media/fetch-guard";
import { type IngestRequest, ingestResultToR2 } from "../../src/media/ingest";
import { MULTIPART_PART_BYTES as PART } from "../../src/media/store";
import { fakeFetch, streamed } from "./fake-fetch";
import { type GeneratedBodyOptions, generatedBody, multipartEtag, sha256 } from "./generated-body";
import { html, png } from "./images";
import { mp4, mp4Header, webm } from "./videos";

const URL_ = "https://tempfile.aiquickdraw.com/s/result.mp4";
const MiB = 1024 * 1024;
const policy: FetchPolicy = {
  allowedHosts: ["tempfile.aiquickdraw.com"],
  extraOrigins: [],
  maxRedirects: 3,
  timeoutMs: 5_000,
};

const keyBase = () => `media/${randomUUID()}/${randomUUID()}/0`;

function ingest(body: () => Response, overrides: Partial<IngestRequest> = {}) {
  return ingestResultToR2({
    url: URL_,
    keyBase: keyBase(),
    bucket: env.MEDIA,
    policy,
    maxBytes: 500 * MiB,
    kind: "video",
    fetchImpl: fakeFetch({ [URL_]: body }).fetch,
    ...overrides,
  });
}

async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaFetchError);
  const { reason, permanent } = error as MediaFetchError;
  return { reason, permanent };
}

/** A generated MP4 (header + media) as a response, with or without its Content-Length. */
function mp4Response(options: GeneratedBodyOptions & { withLength?: boolean }) {
  const header = mp4Header(options.mediaBytes);
  const body = generatedBody(header, options);
  const headers: Record<string, string> = options.withLength
    ? { "content-length": String(header.byteLength + options.mediaBytes) }
    : {};
  return { body, size: header.byteLength + options.mediaBytes, header, headers };
}

const sourceHash = (header: Uint8Array, mediaBytes: number) =>
  sha256(generatedBody(header, { mediaBytes }).stream);

async function storedHash(key: string) {
  const object = await env.MEDIA.get(key);
  if (!object) throw new Error(`no object at ${key}`);
  return sha256(object.body);
}

/** env.MEDIA with its multipart uploads recorded, and optional failures injected. */
function spyBucket(
  faults: {
    create?: () => Promise<R2MultipartUpload>;
    uploadPart?: (partNumber: number) => Promise<R2UploadedPart> | undefined;
    abort?: () => Promise<void>;
  } = {},
) {
  const uploads: { key: string; uploadId: string; parts: number; aborted: boolean }[] = [];
  const puts: string[] = [];
  const bucket = new Proxy(env.MEDIA, {
    get(target, prop) {
      if (prop === "createMultipartUpload") {
        return async (key: string, options?: R2MultipartOptions) => {
          if (faults.create) return faults.create();
          const upload = await target.createMultipartUpload(key, options);
          const record = { key, uploadId: upload.uploadId, parts: 0, aborted: false };
          uploads.push(record);
          return {
            key: upload.key,
            uploadId: upload.uploadId,
            uploadPart: (n: number, value: Uint8Array) => {
              record.parts += 1;
              return faults.uploadPart?.(n) ?? upload.uploadPart(n, value);
            },
            abort: () => {
              record.aborted = true;
              return faults.abort ? faults.abort() : upload.abort();
            },
            complete: (parts: R2UploadedPart[]) => upload.complete(parts),
          } as R2MultipartUpload;
        };
      }
      if (prop === "put") {
        return (...args: Parameters<R2Bucket["put"]>) => {
          puts.push(args[0]);
          return target.put(...args);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { bucket, uploads, puts };
}

/** No object at the key, and no upload to it left open (R2 refuses parts to an aborted one). */
async function expectNothingLeft(key: string, uploads: { uploadId: string }[]) {
  expect(await env.MEDIA.head(key)).toBeNull();
  for (const { uploadId } of uploads) {
    await expect(
      env.MEDIA.resumeMultipartUpload(key, uploadId).uploadPart(1, "late part"),
    ).rejects.toThrow();
  }
}

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

describe("ingestResultToR2 (video): refusals", () => {
  it.each([
    ["PNG bytes", png(64, 64, 5_000)],
    ["HTML", html],
    ["an empty body", new Uint8Array()],
    ["Matroska", webm({ docType: "matroska" })],
    ["an AVIF", mp4({ brand: "avif", compatible: ["avif", "mif1", "miaf"] })],
  ])("refuses %s as not_a_video (permanent), stores nothing", async (_name, bytes) => {
    const base = keyBase();
    expect(await failure(ingest(() => new Response(bytes), { keyBase: base }))).toEqual({
      reason: "not_a_video",
      permanent: true,
    });
    expect((await env.MEDIA.list({ prefix: base })).objects).toEqual([]);
  });

  it("refuses a video where an image is expected as not_an_image", async () => {
    expect(await failure(ingest(() => new Response(mp4()), { kind: "image" }))).toEqual({
      reason: "not_an_image",
      permanent: true,
    });
  });
});

describe("ingestResultToR2 (video): size cap", () => {
  const maxBytes = 2 * PART + 100_000;

  it("without Content-Length, fails as soon as the cap is passed and aborts the upload", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: Number.POSITIVE_INFINITY });
    const { bucket, uploads } = spyBucket();
    const run = ingest(() => new Response(source.body.stream), { keyBase: base, bucket, maxBytes });
    expect(await failure(run)).toEqual({ reason: "too_large", permanent: true });
    expect(source.body.stats.sent).toBeLessThanOrEqual(maxBytes + 2 * 64 * 1024);
    expect(source.body.stats.cancelled).toBe(true);
    expect(uploads).toMatchObject([{ parts: 2, aborted: true }]);
    await expectNothingLeft(`${base}.mp4`, uploads);
  });

  it("accepts a chunked body of exactly the cap", async () => {
    const header = mp4Header(0);
    const source = generatedBody(header, { mediaBytes: maxBytes - header.byteLength });
    const result = await ingest(() => new Response(source.stream), { maxBytes });
    expect(result.byteSize).toBe(maxBytes);
  });

  it("refuses a Content-Length over the cap before reading or uploading", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: maxBytes, withLength: true });
    const { bucket, uploads, puts } = spyBucket();
    const run = ingest(() => new Response(source.body.stream, { headers: source.headers }), {
      keyBase: base,
      bucket,
      maxBytes,
    });
    expect(await failure(run)).toEqual({ reason: "too_large", permanent: true });
    expect(source.body.stats.sent).toBeLessThanOrEqual(64 * 1024);
    expect(uploads).toEqual([]);
    expect(puts).toEqual([]);
    expect(await env.MEDIA.head(`${base}.mp4`)).toBeNull();
  });
});

describe("ingestResultToR2 (video): failures leave nothing behind", () => {
  it("a chunked body that errors after two parts is retryable and aborts the upload", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: 5 * PART, failAfterBytes: 2 * PART + 300_000 });
    const { bucket, uploads } = spyBucket();
    const run = ingest(() => new Response(source.body.stream), { keyBase: base, bucket });
    expect(await failure(run)).toEqual({ reason: "network", permanent: false });
    expect(uploads).toMatchObject([{ parts: 2, aborted: true }]);
    await expectNothingLeft(`${base}.mp4`, uploads);
  });

  it("a body with a Content-Length that errors mid-way is retryable, no object", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: 3 * MiB, failAfterBytes: MiB, withLength: true });
    const run = ingest(() => new Response(source.body.stream, { headers: source.headers }), {
      keyBase: base,
    });
    expect(await failure(run)).toEqual({ reason: "network", permanent: false });
    expect(await env.MEDIA.head(`${base}.mp4`)).toBeNull();
  });

  it("an abort that fails does not hide why the download stopped", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: 3 * PART, failAfterBytes: PART + 100_000 });
    const { bucket, uploads } = spyBucket({
      abort: () => Promise.reject(new Error("R2 is down")),
    });
    const run = ingest(() => new Response(source.body.stream), { keyBase: base, bucket });
    expect(await failure(run)).toEqual({ reason: "network", permanent: false });
    expect(uploads).toMatchObject([{ parts: 1, aborted: true }]);
    expect(await env.MEDIA.head(`${base}.mp4`)).toBeNull();
  });

  it("a part R2 refuses is a transient storage error; the upload is aborted", async () => {
    const base = keyBase();
    const source = mp4Response({ mediaBytes: 3 * PART });
    const { bucket, uploads } = spyBucket({
      uploadPart: (n) => (n === 2 ? Promise.reject(new Error("R2 is down")) : undefined),
    });
    const run = ingest(() => new Response(source.body.stream), { keyBase: base, bucket });
    expect(await failure(run)).toEqual({ reason: "storage", permanent: false });
    expect(source.body.stats.cancelled).toBe(true);
    expect(uploads).toMatchObject([{ parts: 2, aborted: true }]);
    await expectNothingLeft(`${base}.mp4`, uploads);
  });

  it("an upload R2 cannot start is a transient storage error", async () => {
    const source = mp4Response({ mediaBytes: 2 * PART });
    const { bucket } = spyBucket({ create: () => Promise.reject(new Error("R2 is down")) });
    expect(await failure(ingest(() => new Response(source.body.stream), { bucket }))).toEqual({
      reason: "storage",
      permanent: false,
    });
  });
});

describe("ingestResultToR2: per-request download timeout", () => {
  /** A fetch whose body sends the header, then the rest after `delayMs`, honouring the signal. */
  function slowFetch(delayMs: number): typeof fetch {
    return (async (_url: RequestInfo | URL, init?: RequestInit) => {
      const signal = init?.signal ?? undefined;
      const bytes = mp4({ mediaBytes: 1_000 });
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.slice(0, 100));
          let finished = false;
          const timer = setTimeout(() => {
            finished = true;
            controller.enqueue(bytes.slice(100));
            controller.close();
          }, delayMs);
          signal?.addEventListener("abort", () => {
            clearTimeout(timer);
            if (!finished) controller.error(signal.reason);
          });
        },
      });
      return new Response(stream);
    }) as typeof fetch;
  }

  it("a shorter timeoutMs than the policy's cuts the download as a retryable timeout", async () => {
    const run = ingest(() => new Response(), {
      fetchImpl: slowFetch(2_000),
      policy: { ...policy, timeoutMs: 10_000 },
      timeoutMs: 100,
    });
    expect(await failure(run)).toEqual({ reason: "timeout", permanent: false });
  });

  it("a longer timeoutMs than the policy's lets a slow download finish", async () => {
    const slow = { fetchImpl: slowFetch(300), policy: { ...policy, timeoutMs: 100 } };
    expect(await failure(ingest(() => new Response(), slow))).toEqual({
      reason: "timeout",
      permanent: false,
    });
    const result = await ingest(() => new Response(), { ...slow, timeoutMs: 5_000 });
    expect(result.contentType).toBe("video/mp4");
  });
});
