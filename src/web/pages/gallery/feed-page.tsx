import type { Context } from "hono";
import { galleryDeps } from "../../../community/deps";
import { feedPageResponse } from "../../../community/feed-response";
import type { CommunityPage } from "../../../community/schemas";
import { publicConfigs } from "../../../configs/public-view";
import type { AppEnv } from "../../../context";
import { renderPage } from "../../render";
import { pageViewer } from "../../viewer";
import { CLIENT_TEXT } from "./client-text";
import { GalleryFilters } from "./filters";
import { feedQuery, listParams, nextLinks } from "./query";
import { WorksGrid } from "./works-grid";

/**
 * The community gallery: the first page of `/api/community/artworks` through the same service,
 * including the anonymous first-page cache (the page parses the very body the API would send).
 */
export async function feedPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const query = feedQuery(c);
  const viewer = await pageViewer(c);
  const services = c.get("services");
  const response = await feedPageResponse(
    services,
    galleryDeps(c),
    { ...query, viewerId: viewer?.id ?? null },
    c.get("locale"),
  );
  const page = JSON.parse(response.body) as CommunityPage;
  const chosenLimit = c.req.query("limit") !== undefined;
  const params = listParams(query, chosenLimit);
  const configs = publicConfigs(services.configs, t);
  return renderPage(
    c,
    {
      title: t("web.gallery.title"),
      description: t("web.gallery.description"),
      scripts: ["gallery.js"],
      clientText: CLIENT_TEXT,
    },
    <section class="gallery" data-gallery data-signed-in={viewer ? "1" : "0"}>
      <h1>{t("web.gallery.heading")}</h1>
      <GalleryFilters
        query={query}
        models={configs.models}
        styles={configs.styles}
        limit={chosenLimit ? query.limit : null}
        t={t}
      />
      <WorksGrid
        page={page}
        more={
          page.nextCursor
            ? nextLinks("/", "/api/community/artworks", params, page.nextCursor)
            : null
        }
        t={t}
        empty={
          <>
            <p>{t("web.gallery.empty")}</p>
            <a class="button primary" href="/create">
              {t("web.gallery.emptyCreate")}
            </a>
          </>
        }
      />
    </section>,
  );
}
