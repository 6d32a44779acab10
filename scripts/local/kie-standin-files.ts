import type { ServerResponse } from "node:http";
import { sendBytes } from "./kie-standin-control";
import { MP4_FIXTURE } from "./kie-standin-fixtures";
import type { StandInTasks } from "./kie-standin-tasks";
import { serveTestFile } from "./kie-standin-test-files";
import { drawSeededPng } from "./png";

const LONG_SIDE = 256;

/** 256 px on the long side, the short side from the task's aspect ratio. */
export function imageSize(aspectRatio: string): { width: number; height: number } {
  const [w, h] = aspectRatio.split(":").map(Number);
  if (!w || !h) return { width: LONG_SIDE, height: LONG_SIDE };
  return w >= h
    ? { width: LONG_SIDE, height: Math.max(1, Math.round((LONG_SIDE * h) / w)) }
    : { width: Math.max(1, Math.round((LONG_SIDE * w) / h)), height: LONG_SIDE };
}

/**
 * `/files/<taskId>/<index>.png|mp4`: the results (PNGs drawn on request, every video the MP4
 * fixture); `/files/<taskId>/poster.png`: a video's poster; and `/files/test/*`: files that
 * misbehave on purpose, for the media fetcher's tests. Answers false when not a file path.
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
  const file = taskFile(path, tasks);
  if (file) sendBytes(res, file.type, file.bytes);
  else res.writeHead(404, { "content-type": "text/plain" }).end("no such file");
  return true;
}

function taskFile(path: string, tasks: StandInTasks): { type: string; bytes: Buffer } | null {
  const match = /^\/files\/([A-Za-z0-9_.-]+)\/(?:(\d{1,2})\.(png|mp4)|(poster)\.png)$/.exec(path);
  const task = match ? tasks.get(match[1] ?? "") : undefined;
  if (!match || !task) return null;
  const [, , index, extension, poster] = match;
  const video = task.spec.media === "video";
  const { width, height } = imageSize(task.spec.aspectRatio);
  if (poster) {
    // A poster exists once its video does (even when [partial] left no video file).
    if (!video || task.phase !== "success") return null;
    return { type: "image/png", bytes: drawSeededPng(`${task.taskId}:poster`, width, height) };
  }
  if (extension !== (video ? "mp4" : "png")) return null;
  if (Number(index) >= tasks.generatedCount(task)) return null;
  if (video) return { type: "video/mp4", bytes: MP4_FIXTURE };
  return { type: "image/png", bytes: drawSeededPng(`${task.taskId}:${index}`, width, height) };
}
