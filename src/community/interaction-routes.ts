import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_OR_API_KEY } from "../lib/openapi";
import { galleryDeps } from "./deps";
import { type InteractionKind, setInteraction } from "./interactions";
import { listMyInteractions } from "./my-interactions";
import {
  ArtworkParams,
  InteractionListQuerySchema,
  InteractionPageSchema,
  InteractionStateSchema,
} from "./schemas";

const tags = ["Community"];
const NOUN: Record<InteractionKind, string> = { like: "Like", favorite: "Favorite" };

function interactionRoute(kind: InteractionKind, method: "post" | "delete") {
  const on = method === "post";
  return createRoute({
    method,
    path: `/api/community/artworks/{type}/{uuid}/${kind}`,
    tags,
    summary: on
      ? `${NOUN[kind]} a work (again: no change)`
      : `Take back my ${kind} (none: no change)`,
    security: SESSION_OR_API_KEY,
    middleware: requireUser({ scope: "community:write" }),
    request: { params: ArtworkParams },
    responses: {
      200: jsonBody(InteractionStateSchema, "My flags and the work's counts after the change"),
      400: errorBody("Unknown type or malformed uuid"),
      404: errorBody("No such work, or a private, banned or deleted one"),
      ...AUTH_ERRORS,
    },
  });
}

function myListRoute(kind: InteractionKind) {
  return createRoute({
    method: "get",
    path: kind === "like" ? "/api/me/likes" : "/api/me/favorites",
    tags,
    summary: `Works I ${kind === "like" ? "liked" : "favorited"}, most recent first`,
    description: "Works that are no longer public drop out of the list while they are hidden.",
    security: SESSION_OR_API_KEY,
    middleware: requireUser({ scope: "profile:read" }),
    request: { query: InteractionListQuerySchema },
    responses: {
      200: jsonBody(InteractionPageSchema, "A page of works"),
      400: errorBody("Invalid type or cursor"),
      ...AUTH_ERRORS,
    },
  });
}

const router = createRouter();
for (const kind of ["like", "favorite"] as const) {
  for (const method of ["post", "delete"] as const) {
    router.openapi(interactionRoute(kind, method), async (c) => {
      const state = await setInteraction(c.get("services").db, {
        ...c.req.valid("param"),
        userId: currentPrincipal(c).userId,
        kind,
        on: method === "post",
      });
      return c.json(state, 200);
    });
  }
  router.openapi(myListRoute(kind), async (c) => {
    const page = await listMyInteractions(galleryDeps(c), {
      ...c.req.valid("query"),
      userId: currentPrincipal(c).userId,
      kind,
    });
    return c.json(page, 200);
  });
}

export const interactionRoutes = router;
