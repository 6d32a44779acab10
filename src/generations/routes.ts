import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { errorBody } from "../lib/openapi";
import { resolveGeneration } from "./pricing";
import { GenerationRequestSchema } from "./request-schema";

const QuoteResponse = z
  .object({
    credits: z.number().int(),
    model: z.string(),
    count: z.number().int(),
    aspectRatio: z.string(),
    duration: z.number().int().nullable(),
    quality: z.string().nullable(),
  })
  .meta({ id: "GenerationQuote" });

const quoteRoute = createRoute({
  method: "post",
  path: "/api/generations/quote",
  tags: ["Generations"],
  summary: "Price a generation without spending credits",
  description:
    "Takes the same body as POST /api/generations and answers what it would cost. Public: prices are not secret.",
  request: {
    body: { required: true, content: { "application/json": { schema: GenerationRequestSchema } } },
  },
  responses: {
    200: {
      description: "The price in credits",
      content: { "application/json": { schema: QuoteResponse } },
    },
    400: errorBody("Invalid body or a value the model does not support"),
  },
});

export const generationRoutes = createRouter().openapi(quoteRoute, (c) => {
  const resolved = resolveGeneration(c.req.valid("json"), c.get("services").configs);
  return c.json(
    {
      credits: resolved.credits,
      model: resolved.model.id,
      count: resolved.count,
      aspectRatio: resolved.aspectRatio,
      duration: resolved.duration,
      quality: resolved.quality,
    },
    200,
  );
});
