import { describe, expect, it } from "vitest";
import { expectError, issuesOf, postJson } from "../support/http";

type Quote = {
  credits: number;
  count: number;
  aspectRatio: string;
  duration: number | null;
  quality: string | null;
};
const quote = (body: Record<string, unknown>) =>
  postJson("/api/generations/quote", { prompt: "a fox spirit", ...body });

async function issuePaths(res: Response): Promise<string[]> {
  const body = await expectError(res, 400, "VALIDATION_FAILED");
  return issuesOf(body).map((i) => i.path);
}

describe("POST /api/generations/quote", () => {
  it("prices images per image times count, with the model's defaults", async () => {
    const res = await quote({ type: "image", model: "seedream", count: 3 });
    expect(res.status).toBe(200);
    expect(await res.json<Quote>()).toMatchObject({
      credits: 24,
      count: 3,
      aspectRatio: "1:1",
      duration: null,
    });
  });

  it("prices video from the (duration, quality) table", async () => {
    const res = await quote({
      type: "video",
      model: "sora-2-pro",
      duration: 15,
      quality: "high",
      aspectRatio: "16:9",
    });
    expect(await res.json<Quote>()).toMatchObject({ credits: 900, duration: 15, quality: "high" });
    const fallback = await quote({ type: "video", model: "runway" });
    expect(await fallback.json<Quote>()).toMatchObject({
      credits: 60,
      duration: 5,
      quality: "720p",
    });
  });

  it("refuses combinations the model does not offer", async () => {
    expect(
      await issuePaths(
        await quote({ type: "video", model: "runway", duration: 10, quality: "1080p" }),
      ),
    ).toEqual(["quality"]);
    expect(
      await issuePaths(await quote({ type: "image", model: "gpt-4o-image", count: 3 })),
    ).toEqual(["count"]);
    expect(
      await issuePaths(await quote({ type: "image", model: "z-image", aspectRatio: "21:9" })),
    ).toEqual(["aspectRatio"]);
    expect(
      await issuePaths(
        await quote({ type: "image", model: "z-image", referenceImages: ["https://x.test/a.png"] }),
      ),
    ).toEqual(["referenceImages"]);
  });

  it("reports every bad field at once", async () => {
    const paths = await issuePaths(
      await quote({
        type: "image",
        model: "nano-banana",
        style: "nope",
        cameraMotion: "orbit",
        duration: 5,
        referenceImages: ["ftp://x"],
      }),
    );
    expect(paths).toEqual(
      expect.arrayContaining(["style", "cameraMotion", "duration", "referenceImages.0"]),
    );
  });

  it("refuses unknown models, type mismatches and image-only presets on video", async () => {
    expect(await issuePaths(await quote({ type: "image", model: "dall-e-9" }))).toEqual(["model"]);
    expect(await issuePaths(await quote({ type: "image", model: "veo3" }))).toEqual(["model"]);
    expect(
      await issuePaths(await quote({ type: "video", model: "kling", style: "chibi" })),
    ).toEqual(["style"]);
  });
});
