import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { resolvePrincipal } from "../auth/principal";
import { errorBody, jsonBody } from "../lib/openapi";
import { etagMatches } from "../media/http-conditions";
import { UserIdParams } from "../users/schemas";
import { listAuthorWorks } from "./author-works";
import { galleryDeps, limitAnonymousBrowsing } from "./deps";
import { getArtworkDetail } from "./detail";
import { feedPageResponse } from "./feed-response";
import {
  ArtworkDetailSchema,
  ArtworkParams,
  AuthorWorksQuerySchema,
  CommunityPageSchema,
  FeedQuerySchema,
} from "./schemas";

const tags = ["Community"];
const RATE_LIMITED = errorBody("Too many requests from this address; see Retry-After");

const feedRoute = createRoute({
  method: "get",
  path: "/api/community/artworks",
  tags,
  summary: "The public gallery: listed images and videos, newest, top or trending",
  description:
    "Keyset pagination: pass `nextCursor` back as `cursor` with the same filters. `top` orders by likes " +
    "(then newest); `trending` by likes and favorites decayed with age (docs/gallery.md). Signed-in " +
    "callers also get `liked` and `favorited`. Answers carry an ETag; If-None-Match gives 304.",
  middleware: limitAnonymousBrowsing,
  request: { query: FeedQuerySchema },
  responses: {
    200: jsonBody(CommunityPageSchema, "A page of works"),
    304: { description: "Not modified (If-None-Match)" },
    400: errorBody("Invalid filter, or a cursor we did not issue for this list"),
    429: RATE_LIMITED,
  },
});

const detailRoute = createRoute({
  method: "get",
  path: "/api/community/artworks/{type}/{uuid}",
  tags,
  summary: "One work: a listed one, or my own private one",
  middleware: limitAnonymousBrowsing,
  request: { params: ArtworkParams },
  responses: {
    200: jsonBody(ArtworkDetailSchema, "The work"),
    404: errorBody("No such work, or another user's private or banned work"),
    429: RATE_LIMITED,
  },
});

const authorWorksRoute = createRoute({
  method: "get",
  path: "/api/users/{id}/artworks",
  tags,
  summary: "A user's public works, newest first",
  middleware: limitAnonymousBrowsing,
  request: { params: UserIdParams, query: AuthorWorksQuerySchema },
  responses: {
    200: jsonBody(CommunityPageSchema, "A page of the user's listed works"),
    400: errorBody("Invalid filter or cursor"),
    404: errorBody("No such user"),
    429: RATE_LIMITED,
  },
});

export const communityRoutes = createRouter()
  .openapi(feedRoute, async (c) => {
    const query = c.req.valid("query");
    const viewer = await resolvePrincipal(c);
    const page = await feedPageResponse(
      c.get("services"),
      galleryDeps(c),
      { ...query, viewerId: viewer?.userId ?? null },
      c.get("locale"),
    );
    c.header("ETag", page.etag);
    c.header("Cache-Control", viewer ? "private, no-cache" : "public, no-cache");
    c.header("Vary", "Cookie, Authorization, Accept-Language");
    c.header("X-Cache", page.cache);
    if (etagMatches(c.req.header("if-none-match"), page.etag)) return c.body(null, 304);
    c.header("Content-Type", "application/json; charset=UTF-8");
    return c.body(page.body, 200);
  })
  .openapi(detailRoute, async (c) => {
    const viewer = await resolvePrincipal(c);
    const detail = await getArtworkDetail(galleryDeps(c), {
      ...c.req.valid("param"),
      viewerId: viewer?.userId ?? null,
    });
    c.header("Cache-Control", "private, no-cache");
    return c.json(detail, 200);
  })
  .openapi(authorWorksRoute, async (c) => {
    const viewer = await resolvePrincipal(c);
    const page = await listAuthorWorks(galleryDeps(c), {
      authorId: c.req.valid("param").id,
      ...c.req.valid("query"),
      viewerId: viewer?.userId ?? null,
    });
    return c.json(page, 200);
  });
