import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { MULTIPART_PART_BYTES as PART } from "../../src/media/store";
import { generatedBody } from "./generated-body";
import { html, png } from "./images";
import {
  expectNothingLeft,
  failure,
  ingest,
  keyBase,
  MiB,
  mp4Response,
  policy,
  spyBucket,
} from "./video-ingest-support";
import { mp4, mp4Header, webm } from "./videos";

// Video ingest that must not store anything: refusals, the cap, broken bodies, timeouts.

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
