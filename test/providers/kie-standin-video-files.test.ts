import { describe, expect, it } from "vitest";
import { completeTask, standInFileUrl } from "../support/kie";

import { created, FIXTURE, mp4Boxes, VEO, veoBody } from "./standin-video-helpers";

// The files the KieAI stand-in serves for video tasks and tests (SPEC §8): real MP4 bytes.

describe("KieAI stand-in: video files", () => {
  it("serves every video result as the committed faststart MP4, byte for byte", async () => {
    const taskId = await created(VEO, veoBody());
    await completeTask(taskId);
    const res = await fetch(standInFileUrl(`/files/${taskId}/0.mp4`));
    expect(res.headers.get("content-type")).toBe("video/mp4");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(bytes.length).toBe(FIXTURE.length);
    expect(bytes).toEqual(FIXTURE);
    const boxes = mp4Boxes(bytes);
    expect(boxes.map(([type]) => type).slice(0, 2)).toEqual(["ftyp", "moov"]);
    expect(boxes.map(([, size]) => size).reduce((a, b) => a + b)).toBe(bytes.length);
    expect(bytes.length).toBeLessThan(50_000);
    expect(
      new Uint8Array(await (await fetch(standInFileUrl("/files/test/mp4"))).arrayBuffer()),
    ).toEqual(FIXTURE);
    for (const missing of ["1.mp4", "0.png"]) {
      expect((await fetch(standInFileUrl(`/files/${taskId}/${missing}`))).status).toBe(404);
    }
  });

  it("serves a real WebM test file", async () => {
    const res = await fetch(standInFileUrl("/files/test/webm"));
    expect(res.headers.get("content-type")).toBe("video/webm");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.subarray(0, 4)]).toEqual([0x1a, 0x45, 0xdf, 0xa3]);
    expect(new TextDecoder().decode(bytes.subarray(0, 64))).toContain("webm");
    expect(bytes.length).toBeLessThan(50_000);
  });

  it("streams a large MP4 of exactly the asked size, chunked or with a length", async () => {
    const size = 3 * 1024 * 1024;
    const chunked = await fetch(standInFileUrl(`/files/test/large-mp4?bytes=${size}&chunked=1`));
    expect(chunked.headers.get("content-length")).toBeNull();
    const bytes = new Uint8Array(await chunked.arrayBuffer());
    expect(bytes.length).toBe(size);
    const [ftyp] = mp4Boxes(FIXTURE);
    expect(mp4Boxes(bytes)).toEqual([ftyp, ["free", size - (ftyp?.[1] ?? 0)]]);
    const declared = await fetch(standInFileUrl(`/files/test/large-mp4?bytes=${size}`));
    expect(Number(declared.headers.get("content-length"))).toBe(size);
    expect((await declared.arrayBuffer()).byteLength).toBe(size);
    // Past the cap the size is clamped; the reader walks away after the headers.
    const capped = await fetch(standInFileUrl(`/files/test/large-mp4?bytes=${2 ** 30}`));
    expect(Number(capped.headers.get("content-length"))).toBe(256 * 1024 * 1024);
    await capped.body?.cancel();
  });
});
