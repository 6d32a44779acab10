import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { checkDatabase } from "./service";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]),
    checks: z.object({
      database: z.object({ ok: z.boolean(), latencyMs: z.number().int() }),
    }),
  })
  .meta({ id: "Health" });

const healthRoute = createRoute({
  method: "get",
  path: "/health",
  tags: ["System"],
  summary: "Liveness and database reachability",
  responses: {
    200: {
      description: "Everything reachable",
      content: { "application/json": { schema: HealthSchema } },
    },
    503: {
      description: "Database unreachable",
      content: { "application/json": { schema: HealthSchema } },
    },
  },
});

export const healthRoutes = createRouter().openapi(healthRoute, async (c) => {
  const { db, logger } = c.get("services");
  const database = await checkDatabase(db);
  if (!database.ok) logger.warn("health: database unreachable", { error: database.error });
  const body = {
    status: database.ok ? ("ok" as const) : ("degraded" as const),
    checks: { database: { ok: database.ok, latencyMs: database.latencyMs } },
  };
  c.header("Cache-Control", "no-store");
  return database.ok ? c.json(body, 200) : c.json(body, 503);
});
