/**
 * Image headers built byte by byte, so each test states the size it expects. Only the parts
 * the sniffer and the dimension reader look at are real; the rest is padding.
 */

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));
const u16le = (n: number) => [n & 0xff, (n >> 8) & 0xff];
const u16be = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u24le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff];
const u32be = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, (n >>> 24) & 0xff];

function withPadding(bytes: number[], padding: number): Uint8Array {
  const out = new Uint8Array(bytes.length + padding);
  out.set(bytes);
  for (let i = bytes.length; i < out.length; i++) out[i] = i % 251;
  return out;
}

export function png(width: number, height: number, padding = 64): Uint8Array {
  const ihdr = [...u32be(width), ...u32be(height), 8, 2, 0, 0, 0];
  return withPadding(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...u32be(13), ...ascii("IHDR"), ...ihdr],
    padding,
  );
}

export function gif(width: number, height: number, padding = 32): Uint8Array {
  return withPadding([...ascii("GIF89a"), ...u16le(width), ...u16le(height), 0x80, 0, 0], padding);
}

const riff = (chunk: number[], padding: number) =>
  withPadding(
    [...ascii("RIFF"), ...u32le(4 + chunk.length + padding), ...ascii("WEBP"), ...chunk],
    padding,
  );

/** Lossy WebP ("VP8 "). */
export function webpLossy(width: number, height: number, padding = 32): Uint8Array {
  const frame = [0x10, 0x02, 0x00, 0x9d, 0x01, 0x2a, ...u16le(width), ...u16le(height)];
  return riff([...ascii("VP8 "), ...u32le(frame.length), ...frame], padding);
}

/** Lossless WebP ("VP8L"): width-1 and height-1 in 14 bits each. */
export function webpLossless(width: number, height: number, padding = 32): Uint8Array {
  const bits = ((width - 1) & 0x3fff) | (((height - 1) & 0x3fff) << 14);
  const data = [0x2f, ...u32le(bits)];
  return riff([...ascii("VP8L"), ...u32le(data.length), ...data], padding);
}

/** Extended WebP ("VP8X"): 24-bit canvas size minus one. */
export function webpExtended(width: number, height: number, padding = 32): Uint8Array {
  const data = [0, 0, 0, 0, ...u24le(width - 1), ...u24le(height - 1)];
  return riff([...ascii("VP8X"), ...u32le(data.length), ...data], padding);
}

/**
 * A JPEG: SOI, an APP0 segment, `metadataBytes` of APP1 (where cameras put EXIF), a quant
 * table, then the SOF0 frame header carrying the size.
 */
export function jpeg(width: number, height: number, options: { metadataBytes?: number } = {}) {
  const segment = (marker: number, data: number[]) => [
    0xff,
    marker,
    ...u16be(data.length + 2),
    ...data,
  ];
  const app1: number[] = [];
  let left = options.metadataBytes ?? 0;
  while (left > 0) {
    const size = Math.min(left, 65_000);
    for (const byte of segment(0xe1, new Array(size).fill(0x41))) app1.push(byte);
    left -= size;
  }
  return withPadding(
    [
      0xff,
      0xd8,
      ...segment(0xe0, [...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
      ...app1,
      ...segment(0xdb, new Array(65).fill(1)),
      ...segment(0xc0, [
        8,
        ...u16be(height),
        ...u16be(width),
        3,
        1,
        0x22,
        0,
        2,
        0x11,
        1,
        3,
        0x11,
        1,
      ]),
      ...segment(0xda, [3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0]),
    ],
    64,
  );
}

export const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
