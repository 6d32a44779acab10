/** The byte range to serve: offset and length within an object of known size. */
export interface ByteRange {
  offset: number;
  length: number;
}

/**
 * Reads a Range header against an object of `size` bytes (RFC 9110 §14). Anything we do not
 * serve as a range (absent, malformed, not bytes, several ranges) is `null`: the whole object
 * is sent with 200, which the RFC allows. A well-formed range past the end is "unsatisfiable"
 * (416).
 */
export function parseRange(
  header: string | undefined,
  size: number,
): ByteRange | "unsatisfiable" | null {
  if (!header) return null;
  const match = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    const length = Math.min(suffix, size);
    return { offset: size - length, length };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  const end = last === "" ? size - 1 : Math.min(Number(last), size - 1);
  return { offset: start, length: end - start + 1 };
}

/** Whether If-None-Match names this entity tag (weak comparison, as GET requires). */
export function etagMatches(header: string | undefined, httpEtag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return header.split(",").some((tag) => bare(tag) === bare(httpEtag));
}
