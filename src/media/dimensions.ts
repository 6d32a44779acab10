import type { SniffedImage } from "./sniff";

export interface Dimensions {
  width: number;
  height: number;
}

/**
 * Width and height read from the first bytes of an image, without decoding it. Null when the
 * header is not in `head` (a JPEG whose frame header lies past the peeked prefix) or is broken.
 */
export function imageDimensions(
  type: SniffedImage["contentType"],
  head: Uint8Array,
): Dimensions | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const fits = (end: number) => head.byteLength >= end;
  const found = (width: number, height: number) =>
    width > 0 && height > 0 ? { width, height } : null;
  switch (type) {
    case "image/png":
      // The IHDR chunk always comes first, right after the 8-byte signature.
      if (!fits(24) || chunkType(head, 12) !== "IHDR") return null;
      return found(view.getUint32(16), view.getUint32(20));
    case "image/gif":
      return fits(10) ? found(view.getUint16(6, true), view.getUint16(8, true)) : null;
    case "image/webp":
      return webpDimensions(head, view);
    case "image/jpeg":
      return jpegDimensions(head, view);
  }
}

function chunkType(head: Uint8Array, offset: number): string {
  return String.fromCharCode(...head.subarray(offset, offset + 4));
}

function webpDimensions(head: Uint8Array, view: DataView): Dimensions | null {
  if (head.byteLength < 30) return null;
  const uint24 = (offset: number) =>
    view.getUint16(offset, true) | (view.getUint8(offset + 2) << 16);
  switch (chunkType(head, 12)) {
    case "VP8 ":
      // Lossy: a 3-byte frame tag, the start code 9d 01 2a, then 14-bit width and height.
      if (view.getUint8(23) !== 0x9d || view.getUint8(24) !== 0x01 || view.getUint8(25) !== 0x2a)
        return null;
      return {
        width: view.getUint16(26, true) & 0x3fff,
        height: view.getUint16(28, true) & 0x3fff,
      };
    case "VP8L": {
      // Lossless: signature 0x2f, then width-1 and height-1 as two 14-bit fields.
      if (view.getUint8(20) !== 0x2f) return null;
      const bits = view.getUint32(21, true);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case "VP8X":
      // Extended: 24-bit canvas width-1 and height-1.
      return { width: uint24(24) + 1, height: uint24(27) + 1 };
    default:
      return null;
  }
}

// Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
const SOF_MARKERS = new Set([
  0xc0, 0xc1, 0xc2, 0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf,
]);
// Markers without a length field.
const STANDALONE = (marker: number) => marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);

function jpegDimensions(head: Uint8Array, view: DataView): Dimensions | null {
  let offset = 2;
  while (offset + 4 <= head.byteLength) {
    if (view.getUint8(offset) !== 0xff) return null;
    const marker = view.getUint8(offset + 1);
    if (marker === 0xff) {
      offset += 1; // fill byte before a marker
      continue;
    }
    if (STANDALONE(marker)) {
      offset += 2;
      continue;
    }
    // Scan data or end of image before any frame header: nothing to read.
    if (marker === 0xda || marker === 0xd9) return null;
    const length = view.getUint16(offset + 2);
    if (SOF_MARKERS.has(marker)) {
      if (offset + 9 > head.byteLength) return null;
      const height = view.getUint16(offset + 5);
      const width = view.getUint16(offset + 7);
      return width > 0 && height > 0 ? { width, height } : null;
    }
    if (length < 2) return null;
    offset += 2 + length;
  }
  return null;
}
