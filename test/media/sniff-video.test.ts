import { describe, expect, it } from "vitest";
import { sniffVideo } from "../../src/media/sniff";
import { html, jpeg, png, webpLossy } from "./images";
import { box, ftyp, moov, mp4, webm } from "./videos";

const HEAD = 64 * 1024;

describe("sniffVideo: MP4", () => {
  it.each([
    ["avc1", "h264"],
    ["avc3", "h264"],
    ["hvc1", "h265"],
    ["hev1", "h265"],
    ["av01", "av1"],
    ["vp09", "vp9"],
  ])("reads a fast-start file with a %s sample entry as %s", (fourcc, codec) => {
    expect(sniffVideo(mp4({ codec: fourcc }))).toEqual({
      contentType: "video/mp4",
      extension: "mp4",
      codec,
    });
  });

  it.each(["isom", "iso2", "iso6", "mp41", "mp42", "avc1", "M4V ", "M4VP", "dash", "mmp4"])(
    "accepts the video brand %j",
    (brand) => {
      expect(sniffVideo(mp4({ brand, compatible: [brand] }))?.contentType).toBe("video/mp4");
    },
  );

  it("finds the video track behind an audio track", () => {
    expect(sniffVideo(mp4({ codec: "hvc1", audioFirst: true }))?.codec).toBe("h265");
  });

  it("gives no codec when moov lies past the head, and ignores codec names in media data", () => {
    // The filler starts with a fake "stsd … avc1": a byte search would report h264.
    const file = mp4({ moovAtEnd: true, mediaBytes: 100_000, codec: "hvc1" });
    expect(sniffVideo(file.subarray(0, HEAD))).toEqual({
      contentType: "video/mp4",
      extension: "mp4",
      codec: null,
    });
    // The same file read whole: the walk skips mdat by its size and finds moov.
    expect(sniffVideo(file)?.codec).toBe("h265");
  });

  it("gives no codec for a sample entry it does not know (encrypted, mp4v)", () => {
    expect(sniffVideo(mp4({ codec: "encv" }))?.codec).toBeNull();
    expect(sniffVideo(mp4({ codec: "mp4v" }))?.codec).toBeNull();
  });

  it("gives no codec when moov is cut before the sample entry", () => {
    const file = mp4();
    const stsd = Buffer.from(file).indexOf("stsd");
    expect(sniffVideo(file.subarray(0, stsd + 14))).toMatchObject({ codec: null });
  });

  it.each([
    ["AVIF", "avif"],
    ["an AVIF sequence", "avis"],
    ["HEIC", "heic"],
    ["HEIC (heix)", "heix"],
    ["HEIF", "mif1"],
    ["a HEIF sequence", "msf1"],
    ["QuickTime", "qt  "],
    ["3GP", "3gp5"],
  ])("refuses %s", (_name, brand) => {
    expect(sniffVideo(mp4({ brand, compatible: [brand] }))).toBeNull();
  });

  it("refuses an image that lists an image brand behind a video major brand", () => {
    expect(sniffVideo(mp4({ brand: "isom", compatible: ["mif1", "miaf", "avif"] }))).toBeNull();
  });

  it("refuses a box other than ftyp first, a broken ftyp and too-short heads", () => {
    expect(sniffVideo(Uint8Array.from([...box("free", [0, 0, 0, 0]), ...mp4()]))).toBeNull();
    const tiny = Uint8Array.from(
      box(
        "ftyp",
        Array.from("isom", (c) => c.charCodeAt(0)),
      ),
    );
    expect(sniffVideo(tiny)).toBeNull(); // 12 bytes: no minor version
    const file = mp4();
    expect(sniffVideo(file.subarray(0, 11))).toBeNull();
    expect(sniffVideo(file.subarray(0, 16))).toEqual({
      contentType: "video/mp4",
      extension: "mp4",
      codec: null,
    });
    expect(sniffVideo(new Uint8Array())).toBeNull();
  });

  it("survives box sizes that lie (zero, too small, 64-bit)", () => {
    const start = ftyp("isom", ["isom"]);
    const rest = moov();
    const withSize = (size: number[]) => Uint8Array.from([...start, ...size, ...rest.slice(4)]);
    // moov's size replaced: 0 (to the end), 4 (smaller than its header), 1 (64-bit, cut off).
    expect(sniffVideo(withSize([0, 0, 0, 0]))?.codec).toBe("h264");
    expect(sniffVideo(withSize([0, 0, 0, 4]))?.codec).toBeNull();
    expect(sniffVideo(withSize([0, 0, 0, 1]))?.codec).toBeNull();
  });
});

describe("sniffVideo: WebM", () => {
  it.each([
    ["V_VP9", "vp9"],
    ["V_VP8", "vp8"],
    ["V_AV1", "av1"],
  ])("reads a WebM with a %s track as %s", (codecId, codec) => {
    expect(sniffVideo(webm({ codecs: [codecId, "A_OPUS"] }))).toEqual({
      contentType: "video/webm",
      extension: "webm",
      codec,
    });
  });

  it("takes the video track's codec behind an audio track", () => {
    expect(sniffVideo(webm({ codecs: ["A_VORBIS", "V_VP8"] }))?.codec).toBe("vp8");
  });

  it("gives no codec when the tracks are not in the head or the codec is unknown", () => {
    const file = webm();
    const tracks = Buffer.from(file).indexOf(Buffer.from([0x16, 0x54, 0xae, 0x6b]));
    expect(sniffVideo(file.subarray(0, tracks))).toEqual({
      contentType: "video/webm",
      extension: "webm",
      codec: null,
    });
    expect(sniffVideo(webm({ codecs: ["V_MPEG4/ISO/AVC"] }))?.codec).toBeNull();
  });

  it("refuses Matroska, another EBML DocType and a header cut before the DocType", () => {
    expect(sniffVideo(webm({ docType: "matroska" }))).toBeNull();
    expect(sniffVideo(webm({ docType: "webmx" }))).toBeNull();
    expect(sniffVideo(webm().subarray(0, 20))).toBeNull();
  });

  it("refuses a DocType of webm outside the EBML header", () => {
    const file = webm({ docType: "matroska", codecs: ["V_VP9"] });
    const withDecoy = Uint8Array.from([...file, 0x42, 0x82, 0x84, ...Buffer.from("webm")]);
    expect(sniffVideo(withDecoy)).toBeNull();
  });
});

describe("sniffVideo: not videos", () => {
  it.each([
    ["PNG", png(4, 3)],
    ["JPEG", jpeg(4, 3)],
    ["WebP", webpLossy(4, 3)],
    ["HTML", html],
    ["MP4 text", new TextEncoder().encode("....ftypisom but as text, not a box")],
  ])("refuses %s", (_name, bytes) => {
    expect(sniffVideo(bytes)).toBeNull();
  });
});
