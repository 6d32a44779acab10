/** Media lives in R2 under `media/…` and is served at the same path: `/media/…`. */
const PREFIX = "media/";
const MAX_KEY_LENGTH = 512;
// Keys are built from uuids, indexes and extensions; anything else in a URL is not ours. No
// segment may start with a dot, so "." and ".." never reach R2.
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

/** The URL path (relative to the app) that serves an R2 key, as API responses show it. */
export function mediaUrlFor(r2Key: string): string {
  if (!r2Key.startsWith(PREFIX)) throw new Error(`not a media key: ${r2Key}`);
  return `/${r2Key}`;
}

/**
 * The R2 key a request path names, or null when it cannot name one of our objects: other
 * prefixes, empty or dot segments, encoded characters (an encoded slash or dot included).
 */
export function r2KeyFromMediaPath(pathname: string): string | null {
  if (!pathname.startsWith(`/${PREFIX}`)) return null;
  const key = pathname.slice(1);
  if (key.length > MAX_KEY_LENGTH) return null;
  const segments = key.slice(PREFIX.length).split("/");
  if (!segments.every((segment) => SEGMENT.test(segment))) return null;
  return key;
}
