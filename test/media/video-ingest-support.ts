// Shared by the video ingest tests: a fake result host, generated bodies and R2 checks.
import { env } from "cloudflare:test";
import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import { type FetchPolicy, MediaFetchError } from "../../src/media/fetch-guard";
import { type IngestRequest, ingestResultToR2 } from "../../src/media/ingest";
import { fakeFetch } from "./fake-fetch";
import { type GeneratedBodyOptions, generatedBody, sha256 } from "./generated-body";
import { mp4Header } from "./videos";

export const URL_ = "https://tempfile.aiquickdraw.com/s/result.mp4";
export const MiB = 1024 * 1024;
export const policy: FetchPolicy = {
  allowedHosts: ["tempfile.aiquickdraw.com"],
  extraOrigins: [],
  maxRedirects: 3,
  timeoutMs: 5_000,
};

export const keyBase = () => `media/${randomUUID()}/${randomUUID()}/0`;

export function ingest(body: () => Response, overrides: Partial<IngestRequest> = {}) {
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

export async function failure(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaFetchError);
  const { reason, permanent } = error as MediaFetchError;
  return { reason, permanent };
}

/** A generated MP4 (header + media) as a response, with or without its Content-Length. */
export function mp4Response(options: GeneratedBodyOptions & { withLength?: boolean }) {
  const header = mp4Header(options.mediaBytes);
  const body = generatedBody(header, options);
  const headers: Record<string, string> = options.withLength
    ? { "content-length": String(header.byteLength + options.mediaBytes) }
    : {};
  return { body, size: header.byteLength + options.mediaBytes, header, headers };
}

export const sourceHash = (header: Uint8Array, mediaBytes: number) =>
  sha256(generatedBody(header, { mediaBytes }).stream);

export async function storedHash(key: string) {
  const object = await env.MEDIA.get(key);
  if (!object) throw new Error(`no object at ${key}`);
  return sha256(object.body);
}

/** env.MEDIA with its multipart uploads recorded, and optional failures injected. */
export function spyBucket(
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
export async function expectNothingLeft(key: string, uploads: { uploadId: string }[]) {
  expect(await env.MEDIA.head(key)).toBeNull();
  for (const { uploadId } of uploads) {
    await expect(
      env.MEDIA.resumeMultipartUpload(key, uploadId).uploadPart(1, "late part"),
    ).rejects.toThrow();
  }
}
