import { STORED_CACHE_CONTROL } from "./cache-policy";
import { imageDimensions } from "./dimensions";
import { asMediaFetchError, type FetchPolicy, guardedFetch, MediaFetchError } from "./fetch-guard";
import { sniffImage, sniffVideo } from "./sniff";
import { concat, type Prefix, putBuffered, putMultipart, putStreamed, tooLarge } from "./store";

export interface IngestRequest {
  url: string;
  /** `media/<userId>/<generationUuid>/<index>`; the sniffed extension is appended. */
  keyBase: string;
  bucket: R2Bucket;
  policy: FetchPolicy;
  maxBytes: number;
  /** What the result must be; anything else is refused as permanent. */
  kind: "image" | "video";
  /** Overrides `policy.timeoutMs` for this download: a video needs longer than an image. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export interface IngestedMedia {
  r2Key: string;
  contentType: string;
  byteSize: number;
  /** Images only, when the header was in the first bytes; always null for videos. */
  width: number | null;
  height: number | null;
  /** Videos only: "h264", "h265", "vp8", "vp9" or "av1" when the first bytes name it. */
  codec: string | null;
}

/**
 * Bytes read before deciding anything: enough for the type and, for nearly every JPEG, the
 * frame header that follows its metadata segments (for a fast-start MP4, its sample
 * descriptions).
 */
const PEEK_BYTES = 64 * 1024;

/**
 * Copies one provider result into R2 under a deterministic key, so a retried message
 * overwrites the same object. The type comes from the bytes, the size is capped while
 * streaming, and a failed or cut-off download never leaves an object behind (an R2 put is
 * all or nothing, an unfinished multipart upload is aborted).
 */
export async function ingestResultToR2(request: IngestRequest): Promise<IngestedMedia> {
  const { maxBytes } = request;
  const policy =
    request.timeoutMs === undefined
      ? request.policy
      : { ...request.policy, timeoutMs: request.timeoutMs };
  const response = await guardedFetch(request.url, policy, request.fetchImpl);
  const length = declaredLength(response);
  if (length !== null && length > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes);
  }
  const reader = (response.body ?? new Blob([]).stream()).getReader();
  try {
    const prefix = await readAtMost(reader, Math.max(1, Math.min(PEEK_BYTES, length ?? maxBytes)));
    const { extension, ...media } = describe(request.kind, concat(prefix.chunks, prefix.bytes));
    const r2Key = `${request.keyBase}.${extension}`;
    const options: R2PutOptions = {
      httpMetadata: { contentType: media.contentType, cacheControl: STORED_CACHE_CONTROL },
    };
    const { bucket } = request;
    const byteSize =
      length !== null
        ? await putStreamed(bucket, r2Key, options, reader, prefix, length)
        : request.kind === "video"
          ? await putMultipart(bucket, r2Key, options, reader, prefix, maxBytes)
          : await putBuffered(bucket, r2Key, options, reader, prefix, maxBytes);
    return { r2Key, byteSize, ...media };
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw asMediaFetchError(error);
  }
}

type Described = Omit<IngestedMedia, "r2Key" | "byteSize"> & { extension: string };

/** What the first bytes say the result is, or a permanent refusal when it is not `kind`. */
function describe(kind: IngestRequest["kind"], head: Uint8Array): Described {
  if (kind === "video") {
    const video = sniffVideo(head);
    if (!video) throw new MediaFetchError("not_a_video", true, "result is not a supported video");
    const { contentType, extension, codec } = video;
    return { contentType, extension, width: null, height: null, codec };
  }
  const image = sniffImage(head);
  if (!image) throw new MediaFetchError("not_an_image", true, "result is not a supported image");
  const dims = imageDimensions(image.contentType, head);
  return { ...image, width: dims?.width ?? null, height: dims?.height ?? null, codec: null };
}

/**
 * Content-Length when it describes the bytes we will read. With a Content-Encoding the runtime
 * hands us decoded bytes of another length, so the length is treated as unknown.
 */
function declaredLength(response: Response): number | null {
  const encoding = response.headers.get("content-encoding");
  if (encoding && encoding.toLowerCase() !== "identity") return null;
  const header = response.headers.get("content-length");
  return header !== null && /^\d{1,15}$/.test(header) ? Number(header) : null;
}

/** Reads until at least `want` bytes arrived or the body ended. */
async function readAtMost(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  want: number,
): Promise<Prefix> {
  const prefix: Prefix = { chunks: [], bytes: 0, done: false };
  while (prefix.bytes < want) {
    const { done, value } = await reader.read();
    if (done) {
      prefix.done = true;
      break;
    }
    prefix.chunks.push(value);
    prefix.bytes += value.byteLength;
  }
  return prefix;
}
