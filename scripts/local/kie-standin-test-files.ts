import type { ServerResponse } from "node:http";
import { sendBytes } from "./kie-standin-control";
import { MP4_FIXTURE, WEBM_FIXTURE } from "./kie-standin-fixtures";
import { drawSeededPng, PNG_SIGNATURE } from "./png";

// Test files stay small enough that a runaway test cannot exhaust memory or the disk; the large
// MP4 may go further, past the video size limits the media fetcher must enforce.
const MAX_TEST_BYTES = 64 * 1024 * 1024;
const MAX_LARGE_MP4_BYTES = 256 * 1024 * 1024;

function byteCount(url: URL, max: number): number {
  const bytes = Number(url.searchParams.get("bytes") ?? 1024);
  return Number.isInteger(bytes) && bytes >= 0 ? Math.min(bytes, max) : 1024;
}

/** `/files/test/<name>`: files that misbehave on purpose, for the media fetcher's tests. */
export async function serveTestFile(name: string, url: URL, res: ServerResponse): Promise<void> {
  switch (name) {
    case "png":
      return sendBytes(res, "image/png", drawSeededPng("test", 64, 64));
    case "mp4":
      return sendBytes(res, "video/mp4", MP4_FIXTURE);
    case "webm":
      return sendBytes(res, "video/webm", WEBM_FIXTURE);
    case "not-an-image": {
      const html = "<!doctype html><title>Not an image</title><p>Hello</p>";
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(html);
      return;
    }
    case "redirect": {
      const to = url.searchParams.get("to");
      if (!to) {
        res.writeHead(400, { "content-type": "text/plain" }).end("?to= is required");
        return;
      }
      res.writeHead(302, { location: to }).end();
      return;
    }
    case "oversized-declared": {
      const bytes = byteCount(url, MAX_TEST_BYTES);
      res.writeHead(200, {
        "content-type": "image/png",
        "content-length": PNG_SIGNATURE.length + bytes,
      });
      return streamPadding(res, PNG_SIGNATURE, bytes);
    }
    case "oversized":
      // No content-length: Node sends it chunked, so only counting the bytes reveals the size.
      res.writeHead(200, { "content-type": "image/png" });
      return streamPadding(res, PNG_SIGNATURE, byteCount(url, MAX_TEST_BYTES));
    case "large-mp4":
      return streamLargeMp4(res, byteCount(url, MAX_LARGE_MP4_BYTES), url);
    default:
      res.writeHead(404, { "content-type": "text/plain" }).end("no such test file");
  }
}

/**
 * Exactly `total` bytes that sniff as an MP4: the fixture's `ftyp` box, then one `free` box
 * holding the rest, so a box reader walks it to the end without error.
 */
function streamLargeMp4(res: ServerResponse, total: number, url: URL): Promise<void> {
  const ftyp = MP4_FIXTURE.subarray(0, MP4_FIXTURE.readUInt32BE(0));
  let head = ftyp.subarray(0, Math.min(total, ftyp.length));
  if (total - head.length >= 8) {
    const free = Buffer.alloc(8);
    free.writeUInt32BE(total - head.length);
    free.write("free", 4, "ascii");
    head = Buffer.concat([head, free]);
  }
  const headers: Record<string, string | number> = { "content-type": "video/mp4" };
  if (url.searchParams.get("chunked") !== "1") headers["content-length"] = total;
  res.writeHead(200, headers);
  return streamPadding(res, head, total - head.length);
}

/** Writes `head`, then `bytes` of padding, as fast as the reader takes them. */
async function streamPadding(res: ServerResponse, head: Buffer, bytes: number): Promise<void> {
  const block = Buffer.alloc(64 * 1024, 0x41);
  res.write(head);
  let left = bytes;
  while (left > 0 && !res.destroyed) {
    const part = left >= block.length ? block : block.subarray(0, left);
    left -= part.length;
    // The reader may stop early (that is the point of the test): wait for drain or close.
    if (!res.write(part)) await drainedOrClosed(res);
  }
  res.end();
}

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
}
