import { z } from "zod";
import { FEED_SORTS } from "./sorts";
import { ARTWORK_TYPES } from "./work-sql";

const TYPE_FILTERS = ["all", ...ARTWORK_TYPES] as const;
const code = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, "must be a config id (lowercase letters, digits, . _ -)");

/** Signed cursors are longer than plain ones: payload and signature. */
const cursor = z.string().max(400).optional();
const limit = z.coerce.number().int().min(1).max(60).default(24);

export const FeedQuerySchema = z.object({
  type: z.enum(TYPE_FILTERS).default("all"),
  sort: z.enum(FEED_SORTS).default("newest"),
  model: code.optional(),
  style: code.optional(),
  cursor,
  limit,
});
export type FeedQuery = z.infer<typeof FeedQuerySchema>;

export const AuthorWorksQuerySchema = FeedQuerySchema.pick({
  type: true,
  cursor: true,
  limit: true,
});
export const InteractionListQuerySchema = z.object({
  type: z.enum(TYPE_FILTERS).default("all"),
  cursor,
  limit,
});

export const ArtworkParams = z.object({
  type: z.enum(ARTWORK_TYPES).meta({ param: { name: "type", in: "path" } }),
  uuid: z.uuid().meta({ param: { name: "uuid", in: "path" } }),
});

const NamedCode = z.object({ id: z.string(), name: z.string() });

export const CommunityArtworkSchema = z
  .object({
    type: z.enum(ARTWORK_TYPES),
    uuid: z.uuid(),
    author: z.object({
      id: z.uuid(),
      displayName: z.string(),
      avatarSrc: z.string().nullable(),
    }),
    coverUrl: z.string().meta({ description: "The image, or the video's poster; a /media/ path" }),
    mediaUrl: z.string().meta({ description: "The image or video file; a /media/ path" }),
    thumbnailUrl: z.string().nullable(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    durationSeconds: z.number().int().nullable(),
    prompt: z.string().meta({ description: "The prompt, cut to an excerpt in lists" }),
    promptTruncated: z.boolean(),
    model: NamedCode,
    style: NamedCode.nullable(),
    likeCount: z.number().int().min(0),
    favoriteCount: z.number().int().min(0),
    featured: z.boolean(),
    liked: z.boolean().optional().meta({ description: "Signed-in callers only" }),
    favorited: z.boolean().optional().meta({ description: "Signed-in callers only" }),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "CommunityArtwork" });
export type CommunityArtwork = z.infer<typeof CommunityArtworkSchema>;

export const CommunityPageSchema = z
  .object({ items: z.array(CommunityArtworkSchema), nextCursor: z.string().nullable() })
  .meta({ id: "CommunityPage" });
export type CommunityPage = z.infer<typeof CommunityPageSchema>;

export const InteractedArtworkSchema = CommunityArtworkSchema.extend({
  interactedAt: z.iso.datetime().meta({ description: "When I liked or favorited it" }),
}).meta({ id: "InteractedArtwork" });
export type InteractedArtwork = z.infer<typeof InteractedArtworkSchema>;

export const InteractionPageSchema = z
  .object({ items: z.array(InteractedArtworkSchema), nextCursor: z.string().nullable() })
  .meta({ id: "InteractionPage" });

export const ArtworkDetailSchema = CommunityArtworkSchema.extend({
  generationUuid: z.uuid(),
  aspectRatio: z.string().nullable(),
  quality: z.string().nullable(),
  tags: z.array(NamedCode.extend({ kind: z.enum(["scene", "outfit", "action", "cameraMotion"]) })),
  visibility: z.enum(["private", "public"]),
  moderationStatus: z
    .enum(["normal", "banned", "featured"])
    .optional()
    .meta({ description: "Only the owner sees it" }),
  reuseUrl: z.string(),
}).meta({ id: "ArtworkDetail" });
export type ArtworkDetail = z.infer<typeof ArtworkDetailSchema>;

export const InteractionStateSchema = z
  .object({
    type: z.enum(ARTWORK_TYPES),
    uuid: z.uuid(),
    liked: z.boolean(),
    favorited: z.boolean(),
    likeCount: z.number().int().min(0),
    favoriteCount: z.number().int().min(0),
  })
  .meta({ id: "InteractionState" });
export type InteractionState = z.infer<typeof InteractionStateSchema>;
