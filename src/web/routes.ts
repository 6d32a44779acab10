import { inheritContext } from "../app/lazy-routes";
import { createRouter } from "../app/router";
import { ApiError } from "../lib/errors";
import { assetResponse, isAssetName } from "./assets";
import { accountPages } from "./pages/account/routes";
import { adminPages } from "./pages/admin/routes";
import { creatorPages } from "./pages/create/routes";
import { galleryPages } from "./pages/gallery/routes";
import { pageCsrf, pageSecurityHeaders } from "./security";
import { sessionRoutes } from "./session-routes";

/**
 * The web UI: server-rendered pages over the same services as the API, loaded on the first
 * page request (src/web/paths.ts lists what the Worker hands over).
 */
export const webRoutes = createRouter();
webRoutes.use("*", inheritContext);
webRoutes.get("/static/:hash/:name", (c) => {
  const name = c.req.param("name");
  if (!isAssetName(name)) throw new ApiError("NOT_FOUND");
  return assetResponse(name, c.req.param("hash"));
});
webRoutes.use("*", pageSecurityHeaders);
webRoutes.use("*", pageCsrf);
webRoutes.route("/", sessionRoutes);
webRoutes.route("/", galleryPages);
webRoutes.route("/", creatorPages);
webRoutes.route("/", accountPages);
webRoutes.route("/", adminPages);
