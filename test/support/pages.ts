import { expect } from "vitest";
import { BASE, call } from "./http";

/** GETs a page as a browser would and returns the response with its HTML. */
export async function getPage(
  path: string,
  options: { cookie?: string; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { accept: "text/html", ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  const res = await call(path, { headers, redirect: "manual" });
  return { res, html: await res.text() };
}

/** Posts an HTML form (urlencoded) from our own origin unless the test says otherwise. */
export function postForm(
  path: string,
  fields: Record<string, string>,
  options: { cookie?: string; origin?: string | null; referer?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (options.origin !== null) headers.origin = options.origin ?? BASE;
  if (options.cookie) headers.cookie = options.cookie;
  if (options.referer) headers.referer = options.referer;
  return call(path, {
    method: "POST",
    headers,
    body: new URLSearchParams(fields).toString(),
    redirect: "manual",
  });
}

/** The text of a page with tags stripped and whitespace collapsed (what a reader sees). */
export function visibleText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The page is HTML with the security headers every page carries. */
export function expectPageHeaders(res: Response) {
  expect(res.headers.get("content-type")).toMatch(/text\/html/);
  const csp = res.headers.get("content-security-policy") ?? "";
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-inline");
  expect(res.headers.get("x-content-type-options")).toBe("nosniff");
}
