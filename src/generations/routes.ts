import { createRoute, z } from "@hono/zod-openapi";
import { createRouter } from "../app/router";
import { requireUser } from "../auth/guards";
import { currentPrincipal } from "../auth/principal";
import { AUTH_ERRORS, errorBody, jsonBody, SESSION_OR_API_KEY } from "../lib/openapi";
import { decodeCursor } from "../lib/pagination";
import { createGeneration } from "./create";
import { enforceModelRateLimit } from "./model-rate-limit";
import { pipelineDeps } from "./pipeline-deps";
import { resolveGeneration } from "./pricing";
import { deleteOwnGeneration, getOwnGeneration, listOwnGenerations } from "./queries";
import { GenerationRequestSchema } from "./request-schema";
import {
  CreatedGenerationSchema,
  GenerationListQuery,
  GenerationListSchema,
  GenerationParams,
  GenerationSchema,
  IdempotencyHeaders,
} from "./schemas";
import { generationView, statusUrlOf } from "./views";

const tags = ["Generations"];
const requestBody = {
  body: { required: true, content: { "application/json": { schema: GenerationRequestSchema } } },
};

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
  tags,
  summary: "Price a generation without spending credits",
  description:
    "Takes the same body as POST /api/generations and answers what it would cost. Public: prices are not secret.",
  request: requestBody,
  responses: {
    200: jsonBody(QuoteResponse, "The price in credits"),
    400: errorBody("Invalid body or a value the model does not support"),
  },
});

const createGenerationRoute = createRoute({
  method: "post",
  path: "/api/generations",
  tags,
  summary: "Start a generation: spends its credits and submits it to the provider",
  description:
    "Answers 202 at once; follow `statusUrl` until the status is succeeded or failed. A failed generation is refunded automatically (a partial success refunds the missing part).",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "generations:write" }),
  request: { ...requestBody, headers: IdempotencyHeaders },
  responses: {
    202: jsonBody(CreatedGenerationSchema, "Accepted (or the replay of an Idempotency-Key)"),
    400: errorBody("Invalid body, a value the model does not support, or a foreign reference"),
    402: errorBody("Not enough credits; nothing was written"),
    409: errorBody("The Idempotency-Key was used with a different body"),
    ...AUTH_ERRORS,
  },
});

const listRoute = createRoute({
  method: "get",
  path: "/api/generations",
  tags,
  summary: "My generations, newest first",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "generations:read" }),
  request: { query: GenerationListQuery },
  responses: {
    200: jsonBody(GenerationListSchema, "A page of my generations"),
    400: errorBody("Bad filter, cursor or limit"),
    ...AUTH_ERRORS,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/api/generations/{uuid}",
  tags,
  summary: "Status and results of one of my generations",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "generations:read" }),
  request: { params: GenerationParams },
  responses: {
    200: jsonBody(GenerationSchema, "The generation"),
    404: errorBody("Not mine, deleted, or no such generation"),
    ...AUTH_ERRORS,
  },
});

const deleteRoute = createRoute({
  method: "delete",
  path: "/api/generations/{uuid}",
  tags,
  summary: "Delete one of my generations (its works leave the gallery at once)",
  security: SESSION_OR_API_KEY,
  middleware: requireUser({ scope: "generations:write" }),
  request: { params: GenerationParams },
  responses: {
    204: { description: "Deleted" },
    404: errorBody("Not mine, already deleted, or no such generation"),
    ...AUTH_ERRORS,
  },
});

export const generationRoutes = createRouter()
  .openapi(quoteRoute, (c) => {
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
  })
  .openapi(createGenerationRoute, async (c) => {
    const services = c.get("services");
    const { userId } = currentPrincipal(c);
    const request = c.req.valid("json");
    const { model } = resolveGeneration(request, services.configs);
    await enforceModelRateLimit(c, model, userId);
    const { generation, replayed } = await createGeneration(pipelineDeps(services), {
      userId,
      request,
      idempotencyKey: c.req.valid("header")["idempotency-key"] ?? null,
    });
    const statusUrl = statusUrlOf(generation.uuid);
    c.header("Location", statusUrl);
    if (replayed) c.header("Idempotent-Replayed", "true");
    const full = await getOwnGeneration(services.db, userId, generation.uuid);
    return c.json({ generation: generationView(full), statusUrl }, 202);
  })
  .openapi(listRoute, async (c) => {
    const query = c.req.valid("query");
    const page = await listOwnGenerations(c.get("services").db, currentPrincipal(c).userId, {
      cursor: decodeCursor(query.cursor),
      limit: query.limit,
      type: query.type,
      status: query.status,
    });
    return c.json({ items: page.items.map(generationView), nextCursor: page.nextCursor }, 200);
  })
  .openapi(getRoute, async (c) => {
    const found = await getOwnGeneration(
      c.get("services").db,
      currentPrincipal(c).userId,
      c.req.valid("param").uuid,
    );
    return c.json(generationView(found), 200);
  })
  .openapi(deleteRoute, async (c) => {
    const { db, now, feedCache } = c.get("services");
    await deleteOwnGeneration(db, currentPrincipal(c).userId, c.req.valid("param").uuid, now());
    // Its works may have been listed: cached gallery pages must not show them any longer.
    await feedCache.invalidate();
    return c.body(null, 204);
  });
