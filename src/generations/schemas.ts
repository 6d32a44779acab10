import { z } from "@hono/zod-openapi";
import { PageQuerySchema } from "../lib/pagination";

const visibility = z.enum(["private", "public"]);
const status = z.enum(["pending", "processing", "succeeded", "failed"]);

export const GeneratedImageSchema = z
  .object({
    uuid: z.uuid(),
    index: z.number().int(),
    url: z.string().meta({ description: "Path under /media/", example: "/media/u/g/0.png" }),
    visibility,
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
  })
  .meta({ id: "GeneratedImage" });

export const GeneratedVideoSchema = z
  .object({
    uuid: z.uuid(),
    quality: z.string(),
    url: z.string(),
    posterUrl: z.string().nullable(),
    durationSeconds: z.number().int().nullable(),
    ratio: z.string().nullable(),
    resolution: z.string().nullable(),
    visibility,
  })
  .meta({ id: "GeneratedVideo" });

export const GenerationSchema = z
  .object({
    uuid: z.uuid(),
    type: z.enum(["image", "video"]),
    model: z.string(),
    status,
    prompt: z.string(),
    count: z.number().int(),
    successCount: z.number().int(),
    creditsCost: z.number().int(),
    progress: z.number().nullable().meta({ description: "0–100 while processing, when known" }),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    visibility,
    createdAt: z.iso.datetime(),
    completedAt: z.iso.datetime().nullable(),
    images: z.array(GeneratedImageSchema),
    videos: z.array(GeneratedVideoSchema),
  })
  .meta({ id: "Generation" });

export const CreatedGenerationSchema = z
  .object({ generation: GenerationSchema, statusUrl: z.string() })
  .meta({ id: "CreatedGeneration" });

export const GenerationListQuery = PageQuerySchema.extend({
  type: z.enum(["image", "video"]).optional(),
  status: status.optional(),
});

export const GenerationListSchema = z
  .object({ items: z.array(GenerationSchema), nextCursor: z.string().nullable() })
  .meta({ id: "GenerationList" });

export const GenerationParams = z.object({ uuid: z.uuid() });

export const ArtworkParams = z.object({ type: z.enum(["image", "video"]), uuid: z.uuid() });

export const VisibilityBody = z.object({ visibility }).strict().meta({ id: "VisibilityUpdate" });

export const ArtworkVisibilitySchema = z
  .object({ type: z.enum(["image", "video"]), uuid: z.uuid(), visibility })
  .meta({ id: "ArtworkVisibility" });

export const IdempotencyHeaders = z.object({
  "idempotency-key": z
    .string()
    .regex(/^[\x21-\x7e]{8,200}$/, "must be 8-200 visible ASCII characters")
    .optional()
    .meta({
      description: "Repeat a create safely for 24 h: the same key answers the same generation",
    }),
});
