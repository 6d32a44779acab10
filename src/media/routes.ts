import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createRouter } from "../app/router";
import { resolvePrincipal } from "../auth/principal";
import type { AppEnv } from "../context";
import { ApiError } from "../lib/errors";
import { errorBody } from "../lib/openapi";
import { ADMIN_PREVIEW_CACHE_CONTROL, type MediaViewer, mediaAccess } from "./access";
import { PRIVATE_CACHE_CONTROL, PUBLIC_CACHE_CONTROL } from "./cache-policy";
import { findMediaOwner } from "./lookup";
import { r2KeyFromMediaPath } from "./paths";
import { serveObject } from "./serve";
import { verifyMediaSignature } from "./signed-url";

/**
 * `/media/<rest>` serves R2 key `media/<rest>`: public works to anyone, the rest to their
 * owner or a signed link, 404 to everyone else (SPEC §4, §7). Hono answers HEAD through this
 * GET handler and drops the body.
 */
export const mediaRoutes = createRouter();

mediaRoutes.get("/media/*", async (c) => {
  // Until an answer is chosen, nothing (a 404 included) may be cached: visibility can change.
  c.header("Cache-Control", "no-store");
  const key = r2KeyFromMediaPath(new URL(c.req.url).pathname);
  if (!key) throw new ApiError("NOT_FOUND");
  const { db, config } = c.get("services");
  const owner = await findMediaOwner(db, key);
  let access = mediaAccess(owner, { userId: null, signedLink: false });
  if (access === "none" && owner && !owner.deleted) {
    access = mediaAccess(owner, await viewerOf(c, key));
  }
  if (access === "none") throw new ApiError("NOT_FOUND");
  const cacheControl =
    access === "public"
      ? PUBLIC_CACHE_CONTROL
      : access === "admin"
        ? ADMIN_PREVIEW_CACHE_CONTROL
        : PRIVATE_CACHE_CONTROL;
  const response = await serveObject(c, config.bindings.MEDIA, key, cacheControl);
  // Only now replace the no-store set above (a missing object still answers an uncacheable
  // 404): Hono merges headers set with c.header() over the ones passed to c.body().
  c.header("Cache-Control", cacheControl);
  return response;
});

/** Who asks for a non-public object: a signed link first (no auth lookup), then the caller. */
async function viewerOf(c: Context<AppEnv>, key: string): Promise<MediaViewer> {
  const { config, now } = c.get("services");
  const signedLink = await verifyMediaSignature(
    config.KIE_CALLBACK_SECRET,
    key,
    c.req.query("exp"),
    c.req.query("sig"),
    Math.floor(now().getTime() / 1000),
  );
  if (signedLink) return { userId: null, signedLink };
  const principal = await resolvePrincipal(c);
  // An API key reads media only with the scope that reads generations.
  const allowed =
    principal && (principal.via === "session" || principal.scopes?.includes("generations:read"));
  return {
    userId: allowed ? principal.userId : null,
    signedLink: false,
    admin: principal?.via === "session" && principal.role === "admin",
  };
}

mediaRoutes.openAPIRegistry.registerPath({
  method: "get",
  path: "/media/{key}",
  tags: ["Media"],
  summary:
    "A stored image or video (also HEAD). Public works to anyone; private ones to their owner",
  description:
    "Paths come from the `url` fields of generations. Private works need the owner's session " +
    "or an API key with `generations:read`, or a signed link (`exp`, `sig`). Supports ETag / " +
    "If-None-Match and single byte ranges.",
  request: {
    params: z.object({ key: z.string().meta({ description: "The rest of the media path" }) }),
    query: z.object({ exp: z.string().optional(), sig: z.string().optional() }),
  },
  responses: {
    200: { description: "The file", content: { "application/octet-stream": { schema: z.any() } } },
    206: { description: "The requested byte range" },
    304: { description: "Not modified (If-None-Match)" },
    404: errorBody("No such object, or not yours"),
    416: { description: "Range not satisfiable" },
  },
});
