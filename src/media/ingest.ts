import { STORED_CACHE_CONTROL } from "./cache-policy";
import { imageDimensions } from "./dimensions";
import { asMediaFetchError, type FetchPolicy, guardedFetch, MediaFetchError } from "./fetch-guard";
import { sniffImage } from "./sniff";
import { concat, type Prefix, putBuffered, putStreamed, tooLarge } from "./store";

export interface IngestRequest {
  url: string;
  /** `media/<userId>/<generationUuid>/<index>`; the sniffed extension is appended. */
  keyBase: string;
  bucket: R2Bucket;
  policy: FetchPolicy;
  maxBytes: number;
  /** Only images so far; videos will need their own sniffing and a multipart upload. */
  kind: "image";
  fetchImpl?: typeof fetch;
}

export interface IngestedMedia {
  r2Key: string;
  contentType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
}

/**
 * Bytes read before deciding anything: enough for the type and, for nearly every JPEG, the
 * frame header that follows its metadata segments.
 */
const PEEK_BYTES = 64 * 1024;

/**
 * Copies one provider result into R2 under a deterministic key, so a retried message
 * overwrites the same object. The type comes from the bytes, the size is capped while
 * streaming, and a failed or cut-off download never leaves an object behind (an R2 put is
 * all or nothing).
 */
export async function ingestResultToR2(request: IngestRequest): Promise<IngestedMedia> {
  const { maxBytes } = request;
  const response = await guardedFetch(request.url, request.policy, request.fetchImpl);
  const length = declaredLength(response);
  if (length !== null && length > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(maxBytes);
  }
  const reader = (response.body ?? new Blob([]).stream()).getReader();
  try {
    const prefix = await readAtMost(reader, Math.max(1, Math.min(PEEK_BYTES, length ?? maxBytes)));
    const head = concat(prefix.chunks, prefix.bytes);
    const type = sniffImage(head);
    if (!type) throw new MediaFetchError("not_an_image", true, "result is not a supported image");
    const r2Key = `${request.keyBase}.${type.extension}`;
    const options: R2PutOptions = {
      httpMetadata: { contentType: type.contentType, cacheControl: STORED_CACHE_CONTROL },
    };
    const byteSize =
      length === null
        ? await putBuffered(request.bucket, r2Key, options, reader, prefix, maxBytes)
        : await putStreamed(request.bucket, r2Key, options, reader, prefix, length);
    const dims = imageDimensions(type.contentType, head);
    return {
      r2Key,
      contentType: type.contentType,
      byteSize,
      width: dims?.width ?? null,
      height: dims?.height ?? null,
    };
  } catch (error) {
    await reader.cancel().catch(() => {});
    throw asMediaFetchError(error);
  }
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
