import { type Context, Hono } from "hono";
import { limitAnonymousBrowsing } from "../../../community/deps";
import { setInteraction } from "../../../community/interactions";
import type { AppEnv } from "../../../context";
import { ApiError } from "../../../lib/errors";
import { enforceRateLimit } from "../../../rate-limit/enforce";
import { safeNext, signInUrl } from "../../navigation";
import { pageViewer } from "../../viewer";
import { artworkParams, detailPage } from "./detail-page";
import { feedPage } from "./feed-page";
import { profilePage } from "./profile-page";

/**
 * Where a form was posted from (its Referer), as a path, when that page is ours. Cards carry no
 * return field: fifty of them would cost the page-weight budget for a rarely used fallback.
 */
function sameSitePath(c: Context<AppEnv>): string | null {
  try {
    const from = new URL(c.req.header("referer") ?? "");
    if (from.origin !== new URL(c.req.url).origin) return null;
    return `${from.pathname}${from.search}`;
  } catch {
    return null;
  }
}

/**
 * The community pages. They read through the same budget as their JSON twins: signed-out
 * visitors count against the per-IP gallery limit, so the pages are no way around it.
 */
export const galleryPages = new Hono<AppEnv>()
  .get("/", limitAnonymousBrowsing, feedPage)
  .get("/a/:type/:uuid", limitAnonymousBrowsing, detailPage)
  .get("/u/:id", limitAnonymousBrowsing, profilePage)
  // The no-JS like/favorite: visitors sign in first; both come back to the page the form was
  // on. Members count against the same write budget as the API's like route.
  .post("/a/:type/:uuid/react", async (c) => {
    const work = artworkParams(c);
    const form = await c.req.parseBody();
    const next = safeNext(sameSitePath(c), `/a/${work.type}/${work.uuid}`);
    const viewer = await pageViewer(c);
    if (!viewer) return c.redirect(signInUrl(next), 303);
    const kind = "like" in form ? "like" : "favorite" in form ? "favorite" : null;
    if (!kind) throw new ApiError("VALIDATION_FAILED");
    await enforceRateLimit(c, "userWrite", `user:${viewer.id}`);
    await setInteraction(c.get("services").db, {
      ...work,
      userId: viewer.id,
      kind,
      on: form[kind] === "on",
    });
    return c.redirect(next, 303);
  });
