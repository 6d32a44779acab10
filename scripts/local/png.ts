import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";

// A minimal PNG encoder (8-bit RGB, no filtering) so the KieAI stand-in serves real, decodable
// images without an image library.

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** `rgb` holds width × height pixels, three bytes each, row by row. */
export function encodePng(width: number, height: number, rgb: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const stride = width * 3;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgb.buffer, rgb.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

/** A diagonal gradient between two colours taken from a hash of `seed`, with a soft grid. */
export function drawSeededPng(seed: string, width: number, height: number): Buffer {
  const hash = createHash("sha256").update(seed).digest();
  const from = [hash[0] ?? 0, hash[1] ?? 0, hash[2] ?? 0];
  const to = [hash[3] ?? 255, hash[4] ?? 255, hash[5] ?? 255];
  const cell = 16 + ((hash[6] ?? 0) % 32);
  const rgb = new Uint8Array(width * height * 3);
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const shade = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 1 : 0.85;
      const offset = (y * width + x) * 3;
      for (let c = 0; c < 3; c++) {
        const value = ((from[c] ?? 0) * (1 - t) + (to[c] ?? 0) * t) * shade;
        rgb[offset + c] = Math.round(value);
      }
    }
  }
  return encodePng(width, height, rgb);
}

export const PNG_SIGNATURE = SIGNATURE;
