/** What the bytes say a file is; the server's Content-Type is never trusted (stored XSS). */
export interface SniffedImage {
  contentType: "image/png" | "image/jpeg" | "image/webp" | "image/gif";
  extension: "png" | "jpg" | "webp" | "gif";
}

/** Bytes needed to recognise every supported image type (videos need more: see sniffVideo). */
export const SNIFF_BYTES = 12;

const startsWith = (bytes: Uint8Array, signature: number[], offset = 0) =>
  bytes.length >= offset + signature.length &&
  signature.every((byte, i) => bytes[offset + i] === byte);

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

/** The image type of a file from its first bytes, or null when it is not one we accept. */
export function sniffImage(head: Uint8Array): SniffedImage | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { contentType: "image/png", extension: "png" };
  }
  if (startsWith(head, [0xff, 0xd8, 0xff])) return { contentType: "image/jpeg", extension: "jpg" };
  if (startsWith(head, ascii("GIF87a")) || startsWith(head, ascii("GIF89a"))) {
    return { contentType: "image/gif", extension: "gif" };
  }
  if (startsWith(head, ascii("RIFF")) && startsWith(head, ascii("WEBP"), 8)) {
    return { contentType: "image/webp", extension: "webp" };
  }
  return null;
}

export interface SniffedVideo {
  contentType: "video/mp4" | "video/webm";
  extension: "mp4" | "webm";
  /** The first video track's codec when its description is in `head`; null otherwise. */
  codec: string | null;
}

/**
 * The video type of a file from its first bytes, or null when it is not one we accept: an MP4
 * whose `ftyp` names a video brand, or an EBML file whose DocType is "webm". The codec is read
 * from the same bytes only, never from further in the file.
 */
export function sniffVideo(head: Uint8Array): SniffedVideo | null {
  if (isVideoMp4(head)) {
    return { contentType: "video/mp4", extension: "mp4", codec: mp4Codec(head) };
  }
  if (ebmlDocType(head) === "webm") {
    return { contentType: "video/webm", extension: "webm", codec: webmCodec(head) };
  }
  return null;
}

const text = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, end));
const uint32 = (bytes: Uint8Array, offset: number) =>
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(offset);

// ISO base media files that are MP4 video. QuickTime ("qt  ") and the image brands of the same
// container family (HEIF/AVIF: heic, heix, mif1, msf1, avif, avis) are not on the list.
const MP4_VIDEO_BRANDS = new Set([
  ...["isom", "iso2", "iso3", "iso4", "iso5", "iso6", "iso7", "iso8", "iso9"],
  ...["mp41", "mp42", "avc1", "M4V ", "M4VP", "dash", "mmp4"],
]);
// An image file may carry a video brand as its major brand; listing one of these says it is
// laid out as an image (a `meta` item, not `moov` tracks).
const IMAGE_BRANDS = new Set(["avif", "avis", "heic", "heix", "mif1", "msf1"]);

/** An `ftyp` box first, major brand on the allow-list, no image brand among the compatible. */
function isVideoMp4(head: Uint8Array): boolean {
  if (head.byteLength < 16 || text(head, 4, 8) !== "ftyp") return false;
  // Header, major brand, minor version, then whole compatible brands: a few dozen bytes.
  const size = uint32(head, 0);
  if (size < 16 || size > 4096 || size % 4 !== 0) return false;
  if (!MP4_VIDEO_BRANDS.has(text(head, 8, 12))) return false;
  for (let offset = 16; offset + 4 <= Math.min(size, head.byteLength); offset += 4) {
    if (IMAGE_BRANDS.has(text(head, offset, offset + 4))) return false;
  }
  return true;
}

const MP4_CODECS: Record<string, string> = {
  avc1: "h264",
  avc3: "h264",
  hvc1: "h265",
  hev1: "h265",
  av01: "av1",
  vp09: "vp9",
};
// Boxes on the path moov/trak/mdia/minf/stbl/stsd, the only ones the codec walk enters.
const MP4_CONTAINERS = new Set(["moov", "trak", "mdia", "minf", "stbl"]);

/**
 * Walks the box tree from the top of the file down to each track's `stsd` (sample
 * descriptions) and names the first sample entry we know. Walking boxes by their sizes, rather
 * than searching for a fourcc, cannot misfire on media bytes; it gives up where the head ends,
 * so a file with its `moov` after the media data (not "fast start") gives null.
 */
function mp4Codec(head: Uint8Array, start = 0, end = head.byteLength): string | null {
  let offset = start;
  while (offset + 8 <= end) {
    let size = uint32(head, offset);
    const type = text(head, offset + 4, offset + 8);
    let header = 8;
    if (size === 1) {
      // A 64-bit size follows; past 2^32 it is beyond any head anyway.
      if (offset + 16 > end || uint32(head, offset + 8) !== 0) return null;
      size = uint32(head, offset + 12);
      header = 16;
    } else if (size === 0) {
      size = end - offset; // the box runs to the end of the file
    }
    if (size < header) return null;
    const boxEnd = Math.min(offset + size, end);
    if (type === "stsd") {
      // Full box header (4), entry count (4), then the first entry: size (4) and fourcc (4).
      const entry = offset + header + 8;
      if (entry + 8 <= boxEnd) {
        const codec = MP4_CODECS[text(head, entry + 4, entry + 8)];
        if (codec) return codec;
      }
    } else if (MP4_CONTAINERS.has(type)) {
      const codec = mp4Codec(head, offset + header, boxEnd);
      if (codec) return codec;
    }
    offset += size;
  }
  return null;
}

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];
const EBML_DOCTYPE = 0x4282;

/** An EBML variable-length integer: its value (marker bit kept for ids) and byte length. */
function readVint(
  bytes: Uint8Array,
  offset: number,
  keepMarker: boolean,
): { value: number; length: number } | null {
  const first = bytes[offset];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23;
  if (offset + length > bytes.byteLength) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  for (let i = 1; i < length; i++) value = value * 256 + (bytes[offset + i] as number);
  return { value, length };
}

/** The DocType of an EBML file, read from the children of its EBML header element. */
function ebmlDocType(head: Uint8Array): string | null {
  if (!startsWith(head, EBML_MAGIC)) return null;
  const headerSize = readVint(head, 4, false);
  if (!headerSize) return null;
  let offset = 4 + headerSize.length;
  const end = Math.min(offset + headerSize.value, head.byteLength);
  while (offset < end) {
    const id = readVint(head, offset, true);
    const size = id && readVint(head, offset + id.length, false);
    if (!id || !size) return null;
    const data = offset + id.length + size.length;
    if (id.value === EBML_DOCTYPE) {
      return data + size.value <= end
        ? text(head, data, data + size.value).replace(/\0+$/, "")
        : null;
    }
    offset = data + size.value;
  }
  return null;
}

const WEBM_CODECS: Record<string, string> = { V_VP8: "vp8", V_VP9: "vp9", V_AV1: "av1" };

/**
 * The first video CodecID in `head`: the element id 0x86, a one-byte size, then one of the
 * strings above, as muxers write it. Requiring id, size and string together keeps random media
 * bytes from passing as a codec; a CodecID written with a longer size field is not found.
 */
function webmCodec(head: Uint8Array): string | null {
  for (let at = head.indexOf(0x86); at !== -1; at = head.indexOf(0x86, at + 1)) {
    const size = (head[at + 1] ?? 0) ^ 0x80;
    const codec = size < 0x80 ? WEBM_CODECS[text(head, at + 2, at + 2 + size)] : undefined;
    if (codec) return codec;
  }
  return null;
}
