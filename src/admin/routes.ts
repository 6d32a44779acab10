import type { OpenAPIHono } from "@hono/zod-openapi";
import { inheritContext } from "../app/lazy-routes";
import { createRouter } from "../app/router";
import type { AppEnv } from "../context";
import { adminAuditRoutes } from "./audit-routes";
import { adminCreditRoutes } from "./credits-routes";
import { adminGenerationRoutes } from "./generations/routes";
import { adminModerationRoutes } from "./moderation/routes";
import { adminPeopleRoutes } from "./people/routes";
import { adminRevenueRoutes } from "./revenue/routes";

/**
 * Every /api/admin route: each one is requireAdmin() (403 to users, 401 signed out). Mounted
 * one by one on a router typed without its route schema: merging ~30 routes' inferred schema
 * types into one made the type checker take minutes, and nothing reads that type (clients use
 * /openapi.json).
 */
const groups: OpenAPIHono<AppEnv>[] = [
  adminRevenueRoutes as unknown as OpenAPIHono<AppEnv>,
  adminGenerationRoutes as unknown as OpenAPIHono<AppEnv>,
  adminPeopleRoutes as unknown as OpenAPIHono<AppEnv>,
  adminModerationRoutes as unknown as OpenAPIHono<AppEnv>,
  adminCreditRoutes as unknown as OpenAPIHono<AppEnv>,
  adminAuditRoutes as unknown as OpenAPIHono<AppEnv>,
];

export const adminRoutes: OpenAPIHono<AppEnv> = createRouter();
// Loaded lazily by the app (src/app.ts): the request's context comes from the app.
adminRoutes.use("*", inheritContext);
for (const group of groups) adminRoutes.route("/", group);
