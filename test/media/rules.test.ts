import { describe, expect, it } from "vitest";
import { mediaAccess } from "../../src/media/access";
import { etagMatches, parseRange } from "../../src/media/http-conditions";
import { mediaUrlFor, r2KeyFromMediaPath } from "../../src/media/paths";
import { signMediaPath, verifyMediaSignature } from "../../src/media/signed-url";

describe("media paths", () => {
  it("maps /media/<rest> to the R2 key media/<rest> and back", () => {
    const key = "media/3f1c/9a2b/0.png";
    expect(mediaUrlFor(key)).toBe("/media/3f1c/9a2b/0.png");
    expect(r2KeyFromMediaPath(mediaUrlFor(key))).toBe(key);
    expect(() => mediaUrlFor("secrets.txt")).toThrow();
  });

  it.each([
    "/media/../secrets.txt",
    "/media/a/../../secrets.txt",
    "/media/./a.png",
    "/media/..%2F..%2Fsecrets.txt",
    "/media/%2e%2e/secrets.txt",
    "/media/a%2Fb.png",
    "/media/a//b.png",
    "/media/",
    "/media/a/",
    "/media/.hidden",
    "/media/a b.png",
    "/media/a/%00.png",
    "/images/a.png",
    `/media/${"a".repeat(507)}`,
  ])("names no key for %s", (path) => {
    expect(r2KeyFromMediaPath(path)).toBeNull();
  });

  it("accepts keys up to 512 characters", () => {
    expect(r2KeyFromMediaPath(`/media/${"a".repeat(506)}`)).toHaveLength(512);
  });
});

describe("parseRange", () => {
  const size = 1000;
  it.each([
    ["bytes=0-99", { offset: 0, length: 100 }],
    ["bytes=900-", { offset: 900, length: 100 }],
    ["bytes=-100", { offset: 900, length: 100 }],
    ["bytes=-5000", { offset: 0, length: 1000 }],
    ["bytes=990-5000", { offset: 990, length: 10 }],
    ["bytes=999-999", { offset: 999, length: 1 }],
  ])("%s", (header, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it.each(["bytes=1000-", "bytes=1000-1200", "bytes=-0"])("%s is unsatisfiable", (header) => {
    expect(parseRange(header, size)).toBe("unsatisfiable");
  });

  it("any range of an empty object is unsatisfiable", () => {
    expect(parseRange("bytes=0-", 0)).toBe("unsatisfiable");
    expect(parseRange("bytes=-1", 0)).toBe("unsatisfiable");
  });

  it.each([
    undefined,
    "",
    "bytes=",
    "bytes=-",
    "bytes=5-1",
    "bytes=0-1,3-4",
    "items=0-1",
    "bytes=a-b",
  ])("%s is served whole", (header) => {
    expect(parseRange(header, size)).toBeNull();
  });
});

describe("etagMatches (If-None-Match)", () => {
  const etag = '"abc123"';
  it("matches the tag, its weak form, a list member and *", () => {
    expect(etagMatches('"abc123"', etag)).toBe(true);
    expect(etagMatches('W/"abc123"', etag)).toBe(true);
    expect(etagMatches('"x", "abc123"', etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
  });
  it("does not match another tag, an unquoted one or nothing", () => {
    expect(etagMatches('"abc124"', etag)).toBe(false);
    expect(etagMatches("abc123", etag)).toBe(false);
    expect(etagMatches(undefined, etag)).toBe(false);
  });
});

describe("signed media links", () => {
  const secret = "a-test-secret-that-is-long-enough-0123456789";
  const key = "media/u/g/0.png";
  const now = 1_750_000_000;
  const parts = async (expiresAt: number) => {
    const url = new URL(await signMediaPath(secret, key, expiresAt), "https://x");
    return {
      path: url.pathname,
      exp: url.searchParams.get("exp")!,
      sig: url.searchParams.get("sig")!,
    };
  };

  it("signs the media path and verifies until it expires", async () => {
    const link = await parts(now + 60);
    expect(link.path).toBe("/media/u/g/0.png");
    expect(link.exp).toBe(String(now + 60));
    expect(await verifyMediaSignature(secret, key, link.exp, link.sig, now)).toBe(true);
    expect(await verifyMediaSignature(secret, key, link.exp, link.sig, now + 59)).toBe(true);
    expect(await verifyMediaSignature(secret, key, link.exp, link.sig, now + 60)).toBe(false);
  });

  it("refuses another key, another expiry, another secret, or missing parts", async () => {
    const link = await parts(now + 60);
    expect(await verifyMediaSignature(secret, "media/u/g/1.png", link.exp, link.sig, now)).toBe(
      false,
    );
    expect(await verifyMediaSignature(secret, key, String(now + 61), link.sig, now)).toBe(false);
    expect(await verifyMediaSignature(`${secret}!`, key, link.exp, link.sig, now)).toBe(false);
    expect(await verifyMediaSignature(secret, key, undefined, link.sig, now)).toBe(false);
    expect(await verifyMediaSignature(secret, key, link.exp, undefined, now)).toBe(false);
    expect(await verifyMediaSignature(secret, key, "1e12", link.sig, now)).toBe(false);
    expect(await verifyMediaSignature(secret, key, link.exp, "%%%", now)).toBe(false);
  });

  it("is not the token of a provider callback signed with the same secret", async () => {
    const { signHmac } = await import("../../src/lib/hmac");
    const callbackStyle = await signHmac(secret, `${key}:${now + 60}`);
    expect(await verifyMediaSignature(secret, key, String(now + 60), callbackStyle, now)).toBe(
      false,
    );
  });
});

describe("mediaAccess", () => {
  const owner = { userId: "owner", visibility: "private", moderation: "normal", deleted: false };
  const anonymous = { userId: null, signedLink: false };
  const ownerViewer = { userId: "owner", signedLink: false };
  const stranger = { userId: "stranger", signedLink: false };
  const signed = { userId: null, signedLink: true };

  it.each([
    ["public work, anyone", { visibility: "public" }, anonymous, "public"],
    [
      "featured public work, anyone",
      { visibility: "public", moderation: "featured" },
      anonymous,
      "public",
    ],
    ["private work, owner", {}, ownerViewer, "private"],
    ["private work, signed link", {}, signed, "private"],
    ["private work, stranger", {}, stranger, "none"],
    ["private work, anonymous", {}, anonymous, "none"],
    [
      "banned public work, stranger",
      { visibility: "public", moderation: "banned" },
      stranger,
      "none",
    ],
    [
      "banned public work, owner",
      { visibility: "public", moderation: "banned" },
      ownerViewer,
      "private",
    ],
    ["deleted public work, anyone", { visibility: "public", deleted: true }, anonymous, "none"],
    ["deleted work, owner", { deleted: true }, ownerViewer, "none"],
    ["deleted work, signed link", { deleted: true }, signed, "none"],
  ] as const)("%s → %s", (_name, overrides, viewer, expected) => {
    expect(mediaAccess({ ...owner, ...overrides }, viewer)).toBe(expected);
  });

  it("no work → none", () => {
    expect(mediaAccess(null, ownerViewer)).toBe("none");
  });
});
