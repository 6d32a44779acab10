import type { ServerResponse } from "node:http";
import type { StandInTasks } from "./kie-standin-tasks";
import { drawSeededPng, PNG_SIGNATURE } from "./png";

const LONG_SIDE = 256;
// Test files stay small enough that a runaway test cannot exhaust memory or the disk.
const MAX_TEST_BYTES = 64 * 1024 * 1024;

/** 256 px on the long side, the short side from the task's aspect ratio. */
export function imageSize(aspectRatio: string): { width: number; height: number } {
  const [w, h] = aspectRatio.split(":").map(Number);
  if (!w || !h) return { width: LONG_SIDE, height: LONG_SIDE };
  return w >= h
    ? { width: LONG_SIDE, height: Math.max(1, Math.round((LONG_SIDE * h) / w)) }
    : { width: Math.max(1, Math.round((LONG_SIDE * w) / h)), height: LONG_SIDE };
}

/**
 * `/files/<taskId>/<index>.png`: the results, drawn on request; and `/files/test/*`: files
 * that misbehave on purpose, for the media fetcher's tests. Answers false when not a file path.
 */
export async function serveFile(
  url: URL,
  res: ServerResponse,
  tasks: StandInTasks,
): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith("/files/")) return false;
  if (path.startsWith("/files/test/")) {
    await serveTestFile(path.slice("/files/test/".length), url, res);
    return true;
  }
  const match = /^\/files\/([A-Za-z0-9_.-]+)\/(\d{1,2})\.png$/.exec(path);
  const task = match ? tasks.get(match[1] ?? "") : undefined;
  const index = Number(match?.[2]);
  if (!task || index >= tasks.generatedCount(task)) {
    res.writeHead(404, { "content-type": "text/plain" }).end("no such file");
    return true;
  }
  const { width, height } = imageSize(task.spec.aspectRatio);
  sendPng(res, drawSeededPng(`${task.taskId}:${index}`, width, height));
  return true;
}

function sendPng(res: ServerResponse, png: Buffer): void {
  res.writeHead(200, { "content-type": "image/png", "content-length": png.length }).end(png);
}

function byteCount(url: URL): number {
  const bytes = Number(url.searchParams.get("bytes") ?? 1024);
  return Number.isInteger(bytes) && bytes >= 0 ? Math.min(bytes, MAX_TEST_BYTES) : 1024;
}

async function serveTestFile(name: string, url: URL, res: ServerResponse): Promise<void> {
  switch (name) {
    case "png":
      return sendPng(res, drawSeededPng("test", 64, 64));
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
      const bytes = byteCount(url);
      res.writeHead(200, {
        "content-type": "image/png",
        "content-length": PNG_SIGNATURE.length + bytes,
      });
      return streamPadding(res, bytes);
    }
    case "oversized":
      // No content-length: Node sends it chunked, so only counting the bytes reveals the size.
      res.writeHead(200, { "content-type": "image/png" });
      return streamPadding(res, byteCount(url));
    default:
      res.writeHead(404, { "content-type": "text/plain" }).end("no such test file");
  }
}

async function streamPadding(res: ServerResponse, bytes: number): Promise<void> {
  const block = Buffer.alloc(64 * 1024, 0x41);
  res.write(PNG_SIGNATURE);
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
