import { Hono } from "hono";
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
 * The community pages. They read through the same budget as their JSON twins: signed-out
 * visitors count against the per-IP gallery limit, so the pages are no way around it.
 */
export const galleryPages = new Hono<AppEnv>()
  .get("/", limitAnonymousBrowsing, feedPage)
  .get("/a/:type/:uuid", limitAnonymousBrowsing, detailPage)
  .get("/u/:id", limitAnonymousBrowsing, profilePage)
  // The no-JS like/favorite: visitors sign in first and come back; members count against the
  // same write budget as the API's like route.
  .post("/a/:type/:uuid/react", async (c) => {
    const work = artworkParams(c);
    const form = await c.req.parseBody();
    const next = safeNext(form.next, `/a/${work.type}/${work.uuid}`);
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
