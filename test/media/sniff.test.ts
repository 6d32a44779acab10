import { describe, expect, it } from "vitest";
import { imageDimensions } from "../../src/media/dimensions";
import { sniffImage } from "../../src/media/sniff";
import { gif, html, jpeg, png, webpExtended, webpLossless, webpLossy } from "./images";

describe("sniffImage: the type comes from the bytes", () => {
  it.each([
    ["PNG", png(4, 3), "image/png", "png"],
    ["JPEG", jpeg(4, 3), "image/jpeg", "jpg"],
    ["WebP", webpLossy(4, 3), "image/webp", "webp"],
    ["GIF", gif(4, 3), "image/gif", "gif"],
  ])("recognises %s", (_name, bytes, contentType, extension) => {
    expect(sniffImage(bytes)).toEqual({ contentType, extension });
  });

  it("refuses HTML, SVG, an empty body and truncated signatures", () => {
    expect(sniffImage(html)).toBeNull();
    expect(
      sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>')),
    ).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
    expect(sniffImage(png(1, 1).subarray(0, 7))).toBeNull();
    // RIFF but not WebP (a WAV file).
    expect(sniffImage(new TextEncoder().encode("RIFF\0\0\0\0WAVEfmt "))).toBeNull();
  });
});

describe("imageDimensions: width and height from the header bytes", () => {
  it.each([
    ["PNG", "image/png", png(1920, 1080)],
    ["GIF", "image/gif", gif(1920, 1080)],
    ["lossy WebP", "image/webp", webpLossy(1920, 1080)],
    ["lossless WebP", "image/webp", webpLossless(1920, 1080)],
    ["extended WebP", "image/webp", webpExtended(1920, 1080)],
    ["JPEG", "image/jpeg", jpeg(1920, 1080)],
    ["JPEG after 40 KB of metadata", "image/jpeg", jpeg(1920, 1080, { metadataBytes: 40_000 })],
  ] as const)("reads %s", (_name, type, bytes) => {
    expect(imageDimensions(type, bytes)).toEqual({ width: 1920, height: 1080 });
  });

  it("reads sizes beyond 16 bits where the format allows them", () => {
    expect(imageDimensions("image/png", png(70_000, 3))).toEqual({ width: 70_000, height: 3 });
    expect(imageDimensions("image/webp", webpExtended(20_000, 9))).toEqual({
      width: 20_000,
      height: 9,
    });
  });

  it("gives null when the frame header is not in the bytes it was given", () => {
    const bytes = jpeg(640, 480, { metadataBytes: 80_000 });
    expect(imageDimensions("image/jpeg", bytes.subarray(0, 64 * 1024))).toBeNull();
    expect(imageDimensions("image/jpeg", bytes)).toEqual({ width: 640, height: 480 });
    expect(imageDimensions("image/png", png(5, 5).subarray(0, 20))).toBeNull();
  });

  it("gives null for a broken header instead of a made-up size", () => {
    const broken = png(5, 5);
    broken.set([0x58, 0x58, 0x58, 0x58], 12); // chunk type is not IHDR
    expect(imageDimensions("image/png", broken)).toBeNull();
    expect(imageDimensions("image/png", png(0, 5))).toBeNull();
    const notMarker = jpeg(5, 5);
    notMarker[2] = 0x00;
    expect(imageDimensions("image/jpeg", notMarker)).toBeNull();
  });
});
