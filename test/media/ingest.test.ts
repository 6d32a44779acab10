import { env } from "cloudflare:test";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { type FetchPolicy, MediaFetchError } from "../../src/media/fetch-guard";
import { type IngestRequest, ingestResultToR2 } from "../../src/media/ingest";
import { fakeFetch, streamed } from "./fake-fetch";
import { gif, html, jpeg, png, webpLossy } from "./images";

const URL_ = "https://tempfile.aiquickdraw.com/s/result.bin";
const policy: FetchPolicy = {
  allowedHosts: ["tempfile.aiquickdraw.com"],
  extraOrigins: [],
  maxRedirects: 3,
  timeoutMs: 5_000,
};

/** A fresh key base per test: no test sees another's objects. */
const keyBase = () => `media/${randomUUID()}/${randomUUID()}/0`;

function ingest(body: () => Response, overrides: Partial<IngestRequest> = {}) {
  return ingestResultToR2({
    url: URL_,
    keyBase: keyBase(),
    bucket: env.MEDIA,
    policy,
    maxBytes: 1024 * 1024,
    kind: "image",
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

/** Every object under a key base, whatever extension it got. */
async function objectsUnder(base: string) {
  return (await env.MEDIA.list({ prefix: base })).objects.map((o) => o.key);
}

describe("ingestResultToR2: type, size and dimensions", () => {
  it.each([
    ["PNG", png(640, 480, 5_000), "image/png", ".png"],
    ["JPEG", jpeg(640, 480, { metadataBytes: 3_000 }), "image/jpeg", ".jpg"],
    ["WebP", webpLossy(640, 480, 5_000), "image/webp", ".webp"],
    ["GIF", gif(640, 480, 5_000), "image/gif", ".gif"],
  ])("stores a %s under the sniffed extension with its metadata", async (_n, bytes, type, ext) => {
    const base = keyBase();
    // The server's Content-Type lies: the bytes decide.
    const result = await ingest(
      () => new Response(bytes, { headers: { "content-type": "text/html" } }),
      { keyBase: base },
    );
    expect(result).toEqual({
      r2Key: `${base}${ext}`,
      contentType: type,
      byteSize: bytes.byteLength,
      width: 640,
      height: 480,
      codec: null,
    });
    const object = await env.MEDIA.get(result.r2Key);
    expect(object?.httpMetadata?.contentType).toBe(type);
    expect(object?.httpMetadata?.cacheControl).toBe("private, no-cache");
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(bytes);
  });

  it("streams a large body with a Content-Length byte for byte", async () => {
    const bytes = png(3000, 2000, 600_000);
    const result = await ingest(
      () =>
        new Response(streamed(bytes, 7_777), {
          headers: { "content-length": String(bytes.byteLength) },
        }),
    );
    expect(result.byteSize).toBe(bytes.byteLength);
    const stored = await env.MEDIA.get(result.r2Key);
    // Buffer comparison: a deep equal over 600 000 elements takes seconds.
    expect(Buffer.from(await stored!.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("stores a body without Content-Length (buffered) and reads its size", async () => {
    const bytes = jpeg(800, 600, { metadataBytes: 20_000 });
    const result = await ingest(() => new Response(streamed(bytes, 1000)));
    expect(result).toMatchObject({ contentType: "image/jpeg", width: 800, height: 600 });
    expect(result.byteSize).toBe(bytes.byteLength);
    expect((await env.MEDIA.head(result.r2Key))?.size).toBe(bytes.byteLength);
  });

  it("keeps a JPEG whose frame header lies past the peeked bytes, without dimensions", async () => {
    const bytes = jpeg(800, 600, { metadataBytes: 100_000 });
    const result = await ingest(() => new Response(bytes));
    expect(result).toMatchObject({ contentType: "image/jpeg", width: null, height: null });
  });

  it.each([
    ["HTML", html],
    ["an empty body", new Uint8Array()],
  ])("refuses %s as not_an_image (permanent) and stores nothing", async (_name, bytes) => {
    const base = keyBase();
    expect(await failure(ingest(() => new Response(bytes), { keyBase: base }))).toEqual({
      reason: "not_an_image",
      permanent: true,
    });
    expect(await objectsUnder(base)).toEqual([]);
  });
});

describe("ingestResultToR2: size cap", () => {
  const maxBytes = 50_000;

  it("refuses a Content-Length over the cap before reading the body", async () => {
    const base = keyBase();
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(png(1, 1, 10_000));
      },
    });
    const res = () => new Response(body, { headers: { "content-length": String(maxBytes + 1) } });
    expect(await failure(ingest(res, { keyBase: base, maxBytes }))).toEqual({
      reason: "too_large",
      permanent: true,
    });
    expect(pulled).toBeLessThanOrEqual(1);
    expect(await objectsUnder(base)).toEqual([]);
  });

  it("accepts a body of exactly the cap", async () => {
    const bytes = png(10, 10, maxBytes - png(10, 10, 0).byteLength);
    expect(bytes.byteLength).toBe(maxBytes);
    const result = await ingest(() => new Response(streamed(bytes)), { maxBytes });
    expect(result.byteSize).toBe(maxBytes);
  });

  it("without Content-Length, stops reading once the cap is passed", async () => {
    const base = keyBase();
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        const chunk = sent === 0 ? png(1, 1, 8_000) : new Uint8Array(8_000);
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    expect(await failure(ingest(() => new Response(endless), { keyBase: base, maxBytes }))).toEqual(
      { reason: "too_large", permanent: true },
    );
    expect(sent).toBeLessThan(maxBytes + 3 * 8_100);
    expect(await objectsUnder(base)).toEqual([]);
  });
});

describe("ingestResultToR2: failures leave nothing behind", () => {
  it("a body cut short of its Content-Length is a transient network error, no object", async () => {
    const base = keyBase();
    const bytes = png(100, 100, 30_000);
    const res = () =>
      new Response(streamed(bytes.subarray(0, 20_000)), {
        headers: { "content-length": String(bytes.byteLength) },
      });
    expect(await failure(ingest(res, { keyBase: base }))).toEqual({
      reason: "network",
      permanent: false,
    });
    expect(await objectsUnder(base)).toEqual([]);
  });

  it("a body that errors mid-way is transient, no object", async () => {
    const base = keyBase();
    let chunks = 0;
    const failing = new ReadableStream<Uint8Array>({
      pull(controller) {
        chunks += 1;
        if (chunks === 1) controller.enqueue(png(10, 10, 70_000));
        else controller.error(new TypeError("connection reset"));
      },
    });
    const res = () => new Response(failing, { headers: { "content-length": "200000" } });
    expect(await failure(ingest(res, { keyBase: base }))).toEqual({
      reason: "network",
      permanent: false,
    });
    expect(await objectsUnder(base)).toEqual([]);
  });

  it.each([
    ["with Content-Length", true],
    ["without Content-Length", false],
  ])("an R2 put that throws (%s) is a transient storage error", async (_name, withLength) => {
    const base = keyBase();
    const bytes = png(10, 10, 2_000);
    const broken = new Proxy(env.MEDIA, {
      get(target, prop) {
        if (prop === "put") return () => Promise.reject(new Error("R2 is down"));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const res = () =>
      withLength
        ? new Response(bytes, { headers: { "content-length": String(bytes.byteLength) } })
        : new Response(streamed(bytes));
    expect(await failure(ingest(res, { keyBase: base, bucket: broken }))).toEqual({
      reason: "storage",
      permanent: false,
    });
    expect(await objectsUnder(base)).toEqual([]);
  });

  it("a refused URL is reported by the guard and fetches nothing", async () => {
    const fake = fakeFetch({});
    expect(
      await failure(
        ingest(() => new Response(), { url: "http://169.254.169.254/", fetchImpl: fake.fetch }),
      ),
    ).toEqual({ reason: "not_allowed", permanent: true });
    expect(fake.calls).toHaveLength(0);
  });
});

describe("ingestResultToR2: idempotent", () => {
  it("ingesting the same result twice leaves one object with the same bytes", async () => {
    const base = keyBase();
    const bytes = png(32, 32, 4_000);
    const first = await ingest(() => new Response(bytes), { keyBase: base });
    const second = await ingest(() => new Response(streamed(bytes)), { keyBase: base });
    expect(second).toEqual(first);
    expect(await objectsUnder(base)).toEqual([first.r2Key]);
    const stored = await env.MEDIA.get(first.r2Key);
    expect(new Uint8Array(await stored!.arrayBuffer())).toEqual(bytes);
  });
});
