import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal, resolvePrincipal } from "../auth/principal";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_OR_API_KEY } from "../lib/openapi";
import { setArtworkVisibility, visibleArtworkGeneration } from "./queries";
import { GenerationRequestSchema } from "./request-schema";
import { ArtworkParams, ArtworkVisibilitySchema, VisibilityBody } from "./schemas";
import { reuseRequest } from "./views";

const tags = ["Artworks"];

const visibilityRoute = createRoute({
  method: "patch",
  path: "/api/artworks/{type}/{uuid}",
  tags,
  summary: "Publish one of my works to the gallery, or make it private again",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "generations:write" }),
  request: {
    params: ArtworkParams,
    body: { required: true, content: { "application/json": { schema: VisibilityBody } } },
  },
  responses: {
    200: jsonBody(ArtworkVisibilitySchema, "The work's new visibility"),
    400: errorBody("Unknown type or visibility"),
    404: errorBody("Not mine, deleted, or no such work"),
    ...AUTH_ERRORS,
  },
});

const reuseRoute = createRoute({
  method: "get",
  path: "/api/artworks/{type}/{uuid}/reuse",
  tags,
  summary: "The request that made this work, ready to POST to /api/generations again",
  description:
    "Works for my own works and for public works of others (without their private reference images).",
  request: { params: ArtworkParams },
  responses: {
    200: jsonBody(GenerationRequestSchema, "A body for POST /api/generations"),
    404: errorBody("No such work, or another user's private or banned work"),
  },
});

export const artworkRoutes = createRouter()
  .openapi(visibilityRoute, async (c) => {
    const { type, uuid } = c.req.valid("param");
    const { visibility } = c.req.valid("json");
    const { db, feedCache } = c.get("services");
    await setArtworkVisibility(db, { userId: currentPrincipal(c).userId, type, uuid, visibility });
    await feedCache.invalidate();
    return c.json({ type, uuid, visibility }, 200);
  })
  .openapi(reuseRoute, async (c) => {
    const { type, uuid } = c.req.valid("param");
    const viewer = await resolvePrincipal(c);
    const { generation, ownedByViewer } = await visibleArtworkGeneration(c.get("services").db, {
      viewerId: viewer?.userId ?? null,
      type,
      uuid,
    });
    return c.json(reuseRequest(generation, ownedByViewer), 200);
  });
