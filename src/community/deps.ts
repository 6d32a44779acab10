import type { Context, MiddlewareHandler } from "hono";
import { resolvePrincipal } from "../auth/principal";
import type { AppEnv } from "../context";
import { clientIp, enforceRateLimit } from "../rate-limit/enforce";
import type { GalleryDeps } from "./feed";
import { namer } from "./item-view";

/** The gallery services of one request: its database, localised names and cursor key. */
export function galleryDeps(c: Context<AppEnv>): GalleryDeps {
  const { db, configs, config } = c.get("services");
  return {
    db,
    name: namer(configs, c.get("t")),
    // Cursors are signed with the auth secret under their own purpose string (cursor.ts), so
    // no new secret has to be provisioned and a cursor is never valid as anything else.
    cursorSecret: config.BETTER_AUTH_SECRET,
  };
}

/** Signed-out visitors browse within a per-IP budget; signed-in callers are not counted here. */
export const limitAnonymousBrowsing: MiddlewareHandler<AppEnv> = async (c, next) => {
  const viewer = await resolvePrincipal(c);
  if (!viewer) await enforceRateLimit(c, "galleryAnonymous", `ip:${clientIp(c)}`);
  await next();
};
