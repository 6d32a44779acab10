import { z } from "@hono/zod-openapi";

const presetId = z.string().min(1).max(64);

/** Body of POST /api/generations and /api/generations/quote (SPEC §4.1). */
export const GenerationRequestSchema = z
  .object({
    type: z.enum(["image", "video"]),
    model: z.string().min(1).max(64).meta({ example: "nano-banana" }),
    prompt: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .meta({ example: "a girl with silver hair under cherry blossoms" }),
    count: z.number().int().min(1).max(8).optional(),
    aspectRatio: z.string().max(16).optional().meta({ example: "2:3" }),
    style: presetId.optional(),
    scene: presetId.optional(),
    outfit: presetId.optional(),
    action: presetId.optional(),
    cameraMotion: presetId.optional(),
    referenceImages: z
      .array(z.string().max(2048))
      .max(8)
      .optional()
      .meta({ description: "https URLs or uuids of the caller's own images" }),
    duration: z.number().int().positive().optional().meta({ description: "Seconds (video)" }),
    quality: z.string().max(16).optional().meta({ description: "Video quality, per model" }),
    imageMode: z.enum(["frames", "reference"]).optional().meta({
      description:
        "Video models that offer a choice (Veo 3.1 Fast): reference images as first/last frames (default) or as material references",
    }),
    visibility: z.enum(["private", "public"]).optional(),
  })
  .strict()
  .meta({ id: "GenerationRequest" });

export type GenerationRequest = z.infer<typeof GenerationRequestSchema>;
