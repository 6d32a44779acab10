import { createRoute } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_OR_API_KEY } from "../lib/openapi";
import { MeSchema, PublicProfileSchema, UpdateMeBody, UserIdParams } from "./schemas";
import { getMe, getPublicProfile, updateMe } from "./service";

const tags = ["Account"];

const readMe = createRoute({
  method: "get",
  path: "/api/me",
  tags,
  summary: "My profile, role, membership and credit balance",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "profile:read" }),
  responses: { 200: jsonBody(MeSchema, "My profile"), ...AUTH_ERRORS },
});

const patchMe = createRoute({
  method: "patch",
  path: "/api/me",
  tags,
  summary: "Update my profile (only the listed fields; null clears one)",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "profile:write" }),
  request: { body: { required: true, content: { "application/json": { schema: UpdateMeBody } } } },
  responses: {
    200: jsonBody(MeSchema, "My profile after the change"),
    400: errorBody("Invalid value or a field that cannot be changed"),
    ...AUTH_ERRORS,
  },
});

const publicProfile = createRoute({
  method: "get",
  path: "/api/users/{id}/profile",
  tags,
  summary: "A user's public profile (no email or private fields)",
  request: { params: UserIdParams },
  responses: {
    200: jsonBody(PublicProfileSchema, "The public profile"),
    404: errorBody("No such user"),
    429: AUTH_ERRORS[429],
  },
});

export const userRoutes = createRouter()
  .openapi(readMe, async (c) =>
    c.json(await getMe(c.get("services"), currentPrincipal(c).userId), 200),
  )
  .openapi(patchMe, async (c) => {
    const me = await updateMe(c.get("services"), currentPrincipal(c).userId, c.req.valid("json"));
    return c.json(me, 200);
  })
  .openapi(publicProfile, async (c) => {
    c.header("Cache-Control", "public, max-age=60");
    return c.json(await getPublicProfile(c.get("services"), c.req.valid("param").id), 200);
  });
