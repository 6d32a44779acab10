import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../lib/errors";
import { pagePath } from "./render";
import { pageViewer, type Viewer } from "./viewer";

/**
 * A same-site path to go to after a form (sign-in, locale switch); anything else — another
 * origin, a protocol-relative `//host`, a backslash trick — becomes the fallback.
 */
export function safeNext(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  if (value.startsWith("//") || value.includes("\\")) return fallback;
  for (const char of value) if (char.charCodeAt(0) < 0x20) return fallback;
  return value;
}

export function signInUrl(next: string): string {
  return `/sign-in?next=${encodeURIComponent(next)}`;
}

/** Pages for signed-in users: visitors are sent to sign in and brought back afterwards. */
export const signedInPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!(await pageViewer(c))) return c.redirect(signInUrl(pagePath(c)), 302);
  await next();
};

/** Admin pages: visitors sign in first; signed-in non-admins get the 403 page. */
export const adminPage: MiddlewareHandler<AppEnv> = async (c, next) => {
  const viewer = await pageViewer(c);
  if (!viewer) return c.redirect(signInUrl(pagePath(c)), 302);
  if (viewer.role !== "admin") throw new ApiError("FORBIDDEN");
  await next();
};

/** The viewer a guard has already let through. */
export async function guardedViewer(c: Context<AppEnv>): Promise<Viewer> {
  const viewer = await pageViewer(c);
  if (!viewer) throw new Error("guardedViewer() used on a page without signedInPage");
  return viewer;
}
