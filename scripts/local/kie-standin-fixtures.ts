import { readFileSync } from "node:fs";

// The committed video files the KieAI stand-in serves (scripts/local/fixtures/README.md says
// how they were made). Read once at start: they are a few KB each.

function readFixture(name: string): Buffer {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
}

/** 1 s, 160x90 H.264 in MP4 with the moov box first ("faststart"), as KieAI's results are. */
export const MP4_FIXTURE = readFixture("test-pattern.mp4");

/** The same picture as VP8 in WebM, for the media fetcher's content-type tests. */
export const WEBM_FIXTURE = readFixture("test-pattern.webm");
