/**
 * Video containers built byte by byte: the boxes (MP4) and elements (WebM) a real muxer
 * writes before the media data, with the fields the sniffer reads set and the rest zeroed.
 */

const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));
const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const zeros = (n: number) => new Array<number>(n).fill(0);

/** An ISO BMFF box: 32-bit size, fourcc, payload. */
export const box = (type: string, ...payload: number[][]) => {
  const body = payload.flat();
  return [...u32(8 + body.length), ...ascii(type), ...body];
};
/** A full box: version and flags before the payload. */
const fullBox = (type: string, ...payload: number[][]) => box(type, [0, 0, 0, 0], ...payload);

/** A VisualSampleEntry (ISO 14496-12 §12.1.3) with its decoder configuration child. */
function videoSampleEntry(fourcc: string, width: number, height: number): number[] {
  const config: Record<string, string> = {
    avc1: "avcC",
    avc3: "avcC",
    hvc1: "hvcC",
    hev1: "hvcC",
    av01: "av1C",
    vp09: "vpcC",
  };
  return box(
    fourcc,
    zeros(6), // reserved
    u16(1), // data_reference_index
    zeros(16), // pre_defined, reserved
    u16(width),
    u16(height),
    u32(0x00480000), // 72 dpi horizontally
    u32(0x00480000), // and vertically
    zeros(4),
    u16(1), // frame_count
    zeros(32), // compressorname
    u16(0x18), // depth
    [0xff, 0xff], // pre_defined = -1
    box(config[fourcc] ?? "btrt", [1, 0x64, 0, 0x28, 0xff, 0xe1]),
  );
}

const audioSampleEntry = () =>
  box("mp4a", zeros(6), u16(1), zeros(8), u16(2), u16(16), zeros(4), u32(48_000 << 16));

function track(handler: "vide" | "soun", sampleEntry: number[]): number[] {
  const stbl = box(
    "stbl",
    fullBox("stsd", u32(1), sampleEntry),
    fullBox("stts", u32(0)),
    fullBox("stsc", u32(0)),
    fullBox("stsz", u32(0), u32(0)),
    fullBox("stco", u32(0)),
  );
  const mediaHeader = handler === "vide" ? fullBox("vmhd", zeros(8)) : fullBox("smhd", zeros(4));
  return box(
    "trak",
    fullBox("tkhd", zeros(80)),
    box(
      "mdia",
      fullBox("mdhd", zeros(20)),
      fullBox("hdlr", zeros(4), ascii(handler), zeros(12), ascii("VideoHandler\0")),
      box(
        "minf",
        mediaHeader,
        // One data reference, flag 1: the media is in this file.
        box("dinf", fullBox("dref", u32(1), box("url ", [0, 0, 0, 1]))),
        stbl,
      ),
    ),
  );
}

export interface Mp4Options {
  brand?: string;
  compatible?: string[];
  /** Sample entry fourcc of the video track. */
  codec?: string;
  /** An audio track before the video one, as some muxers order them. */
  audioFirst?: boolean;
  /** Media data after the header, or before it when `moovAtEnd`. */
  mediaBytes?: number;
  /** `moov` after `mdat`: what encoders write unless asked for "fast start". */
  moovAtEnd?: boolean;
}

export const ftyp = (brand: string, compatible: string[]) =>
  box("ftyp", ascii(brand), u32(0x200), ...compatible.map(ascii));

/** The `moov` box of a one-video-track file (plus audio when asked). */
export function moov(options: Mp4Options = {}): number[] {
  const video = track("vide", videoSampleEntry(options.codec ?? "avc1", 1280, 720));
  const audio = track("soun", audioSampleEntry());
  return box(
    "moov",
    fullBox("mvhd", zeros(96)),
    ...(options.audioFirst ? [audio, video] : [video, audio]),
  );
}

/**
 * An MP4 file whose `mdat` holds `mediaBytes` of filler. The filler contains "stsd" and
 * "avc1" on purpose: only the box structure may name the codec.
 */
export function mp4(options: Mp4Options = {}): Uint8Array {
  const head = ftyp(
    options.brand ?? "isom",
    options.compatible ?? ["isom", "iso2", "avc1", "mp41"],
  );
  const media = mediaFiller(options.mediaBytes ?? 256);
  const mdat = [...u32(8 + media.length), ...ascii("mdat")];
  const parts = options.moovAtEnd
    ? [head, mdat, media, moov(options)]
    : [head, moov(options), mdat, media];
  return Uint8Array.from(parts.flat());
}

function mediaFiller(length: number): number[] {
  const decoy = ascii("\0\0\0\x40stsd\0\0\0\0\0\0\0\x01\0\0\0\x30avc1");
  return Array.from({ length }, (_, i) => (i < decoy.length ? (decoy[i] as number) : i % 253));
}

/** The first bytes of an MP4 of `mediaBytes` of media data, streamed after this header. */
export function mp4Header(mediaBytes: number, options: Mp4Options = {}): Uint8Array {
  const head = ftyp(options.brand ?? "isom", ["isom", "iso2", "avc1", "mp41"]);
  return Uint8Array.from([...head, ...moov(options), ...u32(8 + mediaBytes), ...ascii("mdat")]);
}

/** An EBML element: id bytes as written, a one-to-eight byte size, data. */
function element(id: number[], ...data: number[][]): number[] {
  const body = data.flat();
  const size =
    body.length < 0x7f ? [0x80 | body.length] : [0x40 | (body.length >> 8), body.length & 0xff];
  return [...id, ...size, ...body];
}
const uint = (id: number[], value: number) => element(id, [value]);
const string = (id: number[], value: string) => element(id, ascii(value));

export interface WebmOptions {
  docType?: string;
  /** CodecIDs of the tracks, in order. */
  codecs?: string[];
  /** Cluster bytes after the header. */
  mediaBytes?: number;
}

/** A WebM (or, with another DocType, Matroska) file as libwebm and ffmpeg lay it out. */
export function webm(options: WebmOptions = {}): Uint8Array {
  const header = element(
    [0x1a, 0x45, 0xdf, 0xa3],
    uint([0x42, 0x86], 1), // EBMLVersion
    uint([0x42, 0xf7], 1), // EBMLReadVersion
    uint([0x42, 0xf2], 4), // EBMLMaxIDLength
    uint([0x42, 0xf3], 8), // EBMLMaxSizeLength
    string([0x42, 0x82], options.docType ?? "webm"),
    uint([0x42, 0x87], 4), // DocTypeVersion
    uint([0x42, 0x85], 2), // DocTypeReadVersion
  );
  const tracks = element(
    [0x16, 0x54, 0xae, 0x6b],
    ...(options.codecs ?? ["V_VP9", "A_OPUS"]).map((codec, i) =>
      element(
        [0xae], // TrackEntry
        uint([0xd7], i + 1), // TrackNumber
        uint([0x83], codec.startsWith("V_") ? 1 : 2), // TrackType
        string([0x86], codec), // CodecID
      ),
    ),
  );
  const info = element([0x15, 0x49, 0xa9, 0x66], uint([0x2a, 0xd7, 0xb1], 1));
  const cluster = [0x1f, 0x43, 0xb6, 0x75, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  const media = Array.from({ length: options.mediaBytes ?? 128 }, (_, i) => (i * 7) % 256);
  // Segment of unknown size, as live muxers write it.
  const segment = [0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  return Uint8Array.from([...header, ...segment, ...info, ...tracks, ...cluster, ...media]);
}
