import { describe, expect, it } from "vitest";
import {
  type FetchPolicy,
  guardedFetch,
  MediaFetchError,
  type MediaFetchReason,
} from "../../src/media/fetch-guard";
import { fakeFetch, redirect } from "./fake-fetch";

const policy: FetchPolicy = {
  allowedHosts: ["tempfile.aiquickdraw.com", "file.aiquickdraw.com"],
  extraOrigins: ["http://127.0.0.1:8788"],
  maxRedirects: 3,
  timeoutMs: 5_000,
};
const OK = "https://tempfile.aiquickdraw.com/s/a.png";
const ok = () => new Response("bytes", { status: 200 });

async function failure(promise: Promise<unknown>): Promise<MediaFetchError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MediaFetchError);
  return error as MediaFetchError;
}

async function expectRefused(url: string, reason: MediaFetchReason, permanent = true) {
  const fake = fakeFetch({ [url]: ok });
  const error = await failure(guardedFetch(url, policy, fake.fetch));
  expect({ reason: error.reason, permanent: error.permanent }).toEqual({ reason, permanent });
  return fake;
}

describe("guardedFetch: which URLs may be fetched", () => {
  it("fetches an allow-listed https host with manual redirects", async () => {
    const fake = fakeFetch({ [OK]: ok });
    const res = await guardedFetch(OK, policy, fake.fetch);
    expect(await res.text()).toBe("bytes");
    expect(fake.calls).toHaveLength(1);
    expect(fake.calls[0]?.init?.redirect).toBe("manual");
    expect(fake.calls[0]?.init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("compares hosts case-insensitively", async () => {
    const fake = fakeFetch({ [OK]: ok });
    const res = await guardedFetch("https://TEMPFILE.aiquickdraw.com/s/a.png", policy, fake.fetch);
    expect(res.status).toBe(200);
  });

  it("fetches the exact extra origin (the local stand-in), over http too", async () => {
    const url = "http://127.0.0.1:8788/files/a.png";
    const res = await guardedFetch(url, policy, fakeFetch({ [url]: ok }).fetch);
    expect(res.status).toBe(200);
  });

  it.each([
    ["loopback on another port", "http://127.0.0.1:8787/api/admin"],
    ["loopback over https", "https://127.0.0.1:8788/files/a.png"],
    ["cloud metadata address", "http://169.254.169.254/latest/meta-data/"],
    ["cloud metadata over https", "https://169.254.169.254/latest/meta-data/"],
    ["plain http to a listed host", "http://tempfile.aiquickdraw.com/s/a.png"],
    ["a host not on the list", "https://evil.example/a.png"],
    ["a listed host's subdomain", "https://x.tempfile.aiquickdraw.com/a.png"],
    ["a suffix look-alike", "https://tempfile.aiquickdraw.com.evil.example/a.png"],
    ["a trailing-dot host", "https://tempfile.aiquickdraw.com./a.png"],
    ["userinfo", "https://user:pw@tempfile.aiquickdraw.com/a.png"],
    ["userinfo on the extra origin", "http://user@127.0.0.1:8788/files/a.png"],
    ["a non-default port", "https://tempfile.aiquickdraw.com:8443/a.png"],
    ["an IPv4 literal", "https://93.184.216.34/a.png"],
    ["an integer IPv4 literal", "https://2130706433/a.png"],
    ["an IPv6 literal", "https://[::1]/a.png"],
    ["another scheme", "file:///etc/passwd"],
    ["not a URL", "not a url"],
  ])("refuses %s without a request", async (_name, url) => {
    const fake = await expectRefused(url, "not_allowed");
    expect(fake.calls).toHaveLength(0);
  });

  it("never fetches an IP literal even when it is listed by mistake", async () => {
    const url = "https://10.0.0.1/a.png";
    const fake = fakeFetch({ [url]: ok });
    const listed = { ...policy, allowedHosts: ["10.0.0.1"] };
    const error = await failure(guardedFetch(url, listed, fake.fetch));
    expect(error.reason).toBe("not_allowed");
    expect(fake.calls).toHaveLength(0);
  });
});

describe("guardedFetch: redirects", () => {
  it("follows a redirect to another listed host", async () => {
    const next = "https://file.aiquickdraw.com/b.png";
    const fake = fakeFetch({ [OK]: redirect(next, 301), [next]: ok });
    const res = await guardedFetch(OK, policy, fake.fetch);
    expect(await res.text()).toBe("bytes");
    expect(fake.calls.map((c) => c.url)).toEqual([OK, next]);
  });

  it("resolves a relative Location against the current URL", async () => {
    const next = "https://tempfile.aiquickdraw.com/moved/a.png";
    const fake = fakeFetch({ [OK]: redirect("/moved/a.png", 307), [next]: ok });
    expect((await guardedFetch(OK, policy, fake.fetch)).status).toBe(200);
  });

  it.each([
    ["off the list", "https://evil.example/a.png"],
    ["to loopback", "http://127.0.0.1:8787/"],
    ["to the metadata address", "http://169.254.169.254/latest/meta-data/"],
    ["to http on a listed host", "http://tempfile.aiquickdraw.com/a.png"],
  ])("refuses a redirect %s and never requests it", async (_name, target) => {
    const fake = fakeFetch({ [OK]: redirect(target), [target]: ok });
    const error = await failure(guardedFetch(OK, policy, fake.fetch));
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: "redirect_not_allowed",
      permanent: true,
    });
    expect(fake.calls.map((c) => c.url)).toEqual([OK]);
  });

  it("stops a redirect loop after maxRedirects", async () => {
    const other = "https://file.aiquickdraw.com/loop.png";
    const fake = fakeFetch({ [OK]: redirect(other), [other]: redirect(OK) });
    const error = await failure(guardedFetch(OK, policy, fake.fetch));
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: "too_many_redirects",
      permanent: true,
    });
    expect(fake.calls).toHaveLength(policy.maxRedirects + 1);
  });

  it("allows exactly maxRedirects hops", async () => {
    const hop = (n: number) => `https://file.aiquickdraw.com/${n}.png`;
    const fake = fakeFetch({
      [OK]: redirect(hop(1)),
      [hop(1)]: redirect(hop(2)),
      [hop(2)]: redirect(hop(3)),
      [hop(3)]: ok,
    });
    expect((await guardedFetch(OK, policy, fake.fetch)).status).toBe(200);
  });
});

describe("guardedFetch: failures say whether a retry can help", () => {
  it.each([
    [404, true],
    [403, true],
    [410, true],
    [408, false],
    [429, false],
    [500, false],
    [503, false],
  ])("status %i → bad_status, permanent %s", async (status, permanent) => {
    const fake = fakeFetch({ [OK]: () => new Response("no", { status }) });
    const error = await failure(guardedFetch(OK, policy, fake.fetch));
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: "bad_status",
      permanent,
    });
  });

  it("a network error is transient", async () => {
    const fake = fakeFetch({
      [OK]: () => {
        throw new TypeError("connection reset");
      },
    });
    const error = await failure(guardedFetch(OK, policy, fake.fetch));
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: "network",
      permanent: false,
    });
  });

  it("a host that never answers times out, transient", async () => {
    const hang: typeof fetch = (_url, init) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener("abort", () => reject(init.signal?.reason));
      });
    const started = Date.now();
    const error = await failure(guardedFetch(OK, { ...policy, timeoutMs: 50 }, hang));
    expect({ reason: error.reason, permanent: error.permanent }).toEqual({
      reason: "timeout",
      permanent: false,
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
