import type { Context } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../lib/errors";
import { etagMatches, parseRange } from "./http-conditions";

/**
 * Answers GET/HEAD for one R2 object: ETag and If-None-Match (304), single byte ranges (206,
 * 416) through R2's own range reads, and the body streamed from R2, never buffered. A plain
 * GET costs one R2 call; conditional, ranged and HEAD requests read the metadata first.
 */
export async function serveObject(
  c: Context<AppEnv>,
  bucket: R2Bucket,
  key: string,
  cacheControl: string,
): Promise<Response> {
  const rangeHeader = c.req.header("range");
  const ifNoneMatch = c.req.header("if-none-match");
  const isHead = c.req.method === "HEAD";
  if (!isHead && !rangeHeader && !ifNoneMatch) {
    const object = await bucket.get(key);
    if (!object) throw new ApiError("NOT_FOUND");
    return c.body(object.body, 200, objectHeaders(object, cacheControl, object.size));
  }

  const meta = await bucket.head(key);
  if (!meta) throw new ApiError("NOT_FOUND");
  if (etagMatches(ifNoneMatch, meta.httpEtag)) {
    return c.body(null, 304, { ETag: meta.httpEtag, "Cache-Control": cacheControl });
  }
  if (isHead) return c.body(null, 200, objectHeaders(meta, cacheControl, meta.size));

  // Keys never change content, but a client resuming with another version's tag gets it whole.
  const ifRange = c.req.header("if-range");
  const range = ifRange && ifRange !== meta.httpEtag ? null : parseRange(rangeHeader, meta.size);
  if (range === "unsatisfiable") {
    return c.body(null, 416, {
      "Content-Range": `bytes */${meta.size}`,
      "Accept-Ranges": "bytes",
      "Cache-Control": cacheControl,
    });
  }
  const object = await bucket.get(key, range ? { range } : {});
  if (!object) throw new ApiError("NOT_FOUND");
  if (!range) return c.body(object.body, 200, objectHeaders(object, cacheControl, object.size));
  const last = range.offset + range.length - 1;
  return c.body(object.body, 206, {
    ...objectHeaders(object, cacheControl, range.length),
    "Content-Range": `bytes ${range.offset}-${last}/${meta.size}`,
  });
}

function objectHeaders(
  object: R2Object,
  cacheControl: string,
  contentLength: number,
): Record<string, string> {
  return {
    "Content-Type": object.httpMetadata?.contentType ?? "application/octet-stream",
    "Content-Length": String(contentLength),
    ETag: object.httpEtag,
    "Last-Modified": object.uploaded.toUTCString(),
    "Cache-Control": cacheControl,
    "Accept-Ranges": "bytes",
    // The stored type came from the bytes; browsers must not guess another one, and a file
    // opened directly runs no script even if it fooled the sniffer.
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
  };
}
