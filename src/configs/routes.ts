import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { publicConfigs } from "./public-view";

const Preset = z.object({
  id: z.string(),
  name: z.string(),
  appliesTo: z.array(z.enum(["image", "video"])).optional(),
});

const Model = z
  .object({
    id: z.string(),
    type: z.enum(["image", "video"]),
    name: z.string(),
    description: z.string(),
    status: z.enum(["active", "beta", "disabled"]),
    badges: z.array(z.string()),
    credits: z.union([
      z.object({ kind: z.literal("per_image"), perImage: z.number().int() }),
      z.object({
        kind: z.literal("per_video"),
        table: z.array(
          z.object({ duration: z.number().int(), quality: z.string(), credits: z.number().int() }),
        ),
      }),
    ]),
    maxCount: z.number().int(),
    allowedCounts: z.array(z.number().int()),
    aspectRatios: z.array(z.string()),
    defaultAspectRatio: z.string(),
    resolutions: z.array(z.string()).nullable(),
    prompt: z.object({ minLength: z.number().int(), maxLength: z.number().int() }),
    referenceImages: z.object({ max: z.number().int(), required: z.boolean() }),
    video: z
      .object({
        durations: z.array(z.number().int()),
        defaultDuration: z.number().int(),
        qualities: z.array(z.string()),
        defaultQuality: z.string(),
        resolutions: z.record(z.string(), z.string()),
        cameraMotions: z.boolean(),
      })
      .nullable(),
  })
  .meta({ id: "ModelConfig" });

const Plan = z
  .object({
    id: z.string(),
    kind: z.enum(["pack", "subscription"]),
    name: z.string(),
    description: z.string(),
    credits: z.number().int(),
    validMonths: z.number().int(),
    interval: z.enum(["month", "year"]).nullable(),
    prices: z
      .record(z.string(), z.number().int())
      .meta({ description: "Minor units per currency" }),
    badges: z.array(z.string()),
  })
  .meta({ id: "Plan" });

export const ConfigsResponse = z
  .object({
    models: z.array(Model),
    styles: z.array(Preset),
    scenes: z.array(Preset),
    outfits: z.array(Preset),
    actions: z.array(Preset),
    cameraMotions: z.array(Preset),
    plans: z.array(Plan),
    defaultCurrency: z.string(),
    memberBenefits: z.object({
      generationRateLimitMultiplier: z
        .number()
        .meta({ description: "Members may create this many times more per minute" }),
    }),
  })
  .meta({ id: "Configs" });

const configsRoute = createRoute({
  method: "get",
  path: "/api/configs",
  tags: ["Configs"],
  summary: "Models, presets and plans, with names in the request's language",
  request: { query: z.object({ locale: z.string().optional() }) },
  responses: {
    200: {
      description: "Localised configs",
      content: { "application/json": { schema: ConfigsResponse } },
    },
  },
});

export const configRoutes = createRouter().openapi(configsRoute, (c) => {
  c.header("Cache-Control", "public, max-age=300");
  return c.json(publicConfigs(c.get("services").configs, c.get("t")), 200);
});
