/**
 * Fetches provider result files without letting a URL point the Worker somewhere else (SSRF):
 * https to an exact allow-listed host, or one exact extra origin (the local KieAI stand-in).
 * Redirects are followed by hand so every hop passes the same check.
 */

export interface FetchPolicy {
  /** Exact hostnames, https on the default port only. */
  allowedHosts: string[];
  /** Exact origins (scheme, host and port) allowed besides; local dev and tests only. */
  extraOrigins: string[];
  maxRedirects: number;
  /** For the whole download: every hop and the body. */
  timeoutMs: number;
}

export type MediaFetchReason =
  | "not_allowed"
  | "redirect_not_allowed"
  | "too_many_redirects"
  | "bad_status"
  | "too_large"
  | "not_an_image"
  | "not_a_video"
  | "network"
  | "timeout"
  | "storage";

/**
 * Why a result could not be copied. `permanent` failures will fail again on retry (the
 * generation fails and is refunded); the others are worth a queue retry.
 */
export class MediaFetchError extends Error {
  constructor(
    readonly reason: MediaFetchReason,
    readonly permanent: boolean,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MediaFetchError";
  }
}

/** Turns whatever a fetch or a body read threw into a MediaFetchError. */
export function asMediaFetchError(error: unknown): MediaFetchError {
  if (error instanceof MediaFetchError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new MediaFetchError("timeout", false, "download timed out", { cause: error });
  }
  return new MediaFetchError("network", false, "download failed", { cause: error });
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
// A 4xx means this URL will not work later either, except these two.
const TRANSIENT_CLIENT_ERRORS = new Set([408, 429]);
const IP_LITERAL = /^(\d+\.){3}\d+$|^\[.*\]$/;

/** Whether the guard would fetch this URL; a malformed URL is not allowed. */
export function isAllowedUrl(url: URL, policy: FetchPolicy): boolean {
  if (url.username || url.password) return false;
  if (policy.extraOrigins.some((origin) => sameOrigin(origin, url))) return true;
  if (url.protocol !== "https:" || url.port !== "") return false;
  if (IP_LITERAL.test(url.hostname)) return false;
  const host = url.hostname.toLowerCase();
  return policy.allowedHosts.some((allowed) => allowed.toLowerCase() === host);
}

function sameOrigin(origin: string, url: URL): boolean {
  try {
    return new URL(origin).origin === url.origin;
  } catch {
    return false;
  }
}

/**
 * GETs `url` under `policy` and returns the final 2xx response with its body unread; the
 * timeout keeps running while the caller reads it. Throws MediaFetchError otherwise.
 */
export async function guardedFetch(
  url: string,
  policy: FetchPolicy,
  fetchImpl: typeof fetch = fetch,
): Promise<Response> {
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    throw new MediaFetchError("not_allowed", true, "result URL is not a valid URL");
  }
  const signal = AbortSignal.timeout(policy.timeoutMs);
  for (let hop = 0; ; hop += 1) {
    if (!isAllowedUrl(current, policy)) {
      throw hop === 0
        ? new MediaFetchError("not_allowed", true, `host ${current.host} is not allowed`)
        : new MediaFetchError("redirect_not_allowed", true, `redirect to ${current.host} refused`);
    }
    let response: Response;
    try {
      response = await fetchImpl(current.toString(), {
        method: "GET",
        redirect: "manual",
        signal,
        // The result CDN refuses some default client user agents; name ourselves plainly.
        headers: { accept: "image/*, video/*", "user-agent": "Aniforge-Media-Ingest/1.0" },
      });
    } catch (error) {
      throw asMediaFetchError(error);
    }
    const location = response.headers.get("location");
    if (REDIRECTS.has(response.status) && location) {
      await response.body?.cancel();
      if (hop >= policy.maxRedirects) {
        throw new MediaFetchError("too_many_redirects", true, "too many redirects");
      }
      try {
        current = new URL(location, current);
      } catch {
        throw new MediaFetchError("redirect_not_allowed", true, "redirect to an invalid URL");
      }
      continue;
    }
    if (response.status < 200 || response.status > 299) {
      await response.body?.cancel();
      const permanent = response.status < 500 && !TRANSIENT_CLIENT_ERRORS.has(response.status);
      throw new MediaFetchError("bad_status", permanent, `result host answered ${response.status}`);
    }
    return response;
  }
}
