import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  type ExtraConfigColumn,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { user } from "./auth";
import { createdAt, timestamptz, updatedAt } from "./columns";

const visibility = (name: string) => text(name).notNull().default("private");

/**
 * The gallery's `trending` order: log10(1 + likes + 2 x favorites) + age term, where every
 * 45,000 s (12.5 h) of age is worth a factor of ten in engagement. Ordering by it equals
 * ordering by engagement decayed exponentially with age (half-life ~3.8 h), yet it depends on
 * nothing but the row, so it is a stored column under a plain index (docs/gallery.md). The
 * `greatest` keeps a would-be negative counter a check-constraint error rather than log(0).
 */
export const HOT_SCORE_SECONDS_PER_DECADE = 45_000;
const hotScore = sql.raw(
  `log(greatest(1 + like_count + 2 * favorite_count, 1)::double precision)` +
    ` + extract(epoch from (created_at - '1970-01-01 00:00:00+00'::timestamptz))::double precision` +
    ` / ${HOT_SCORE_SECONDS_PER_DECADE}`,
);

/** Columns every public-able work (image, video) shares: visibility, moderation, counters. */
const artworkColumns = () => ({
  style: text("style"),
  visibilityLevel: visibility("visibility_level"),
  moderationStatus: text("moderation_status").notNull().default("normal"),
  likeCount: integer("like_count").notNull().default(0),
  favoriteCount: integer("favorite_count").notNull().default(0),
  hotScore: doublePrecision("hot_score").generatedAlwaysAs(hotScore),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

type ArtworkTable = {
  [K in keyof ReturnType<typeof artworkColumns>]: ExtraConfigColumn;
} & { uuid: ExtraConfigColumn };

/**
 * Gallery indexes and checks shared by images and videos: `newest`, `top` and `trending` over
 * public, non-banned works are index scans on partial indexes; counters never go negative.
 */
function artworkConstraints(table: string, t: ArtworkTable) {
  const listed = sql`${t.visibilityLevel} = 'public' and ${t.moderationStatus} <> 'banned'`;
  return [
    index(`${table}_public_newest_idx`).on(t.createdAt.desc(), t.uuid.desc()).where(listed),
    index(`${table}_public_top_idx`)
      .on(t.likeCount.desc(), t.createdAt.desc(), t.uuid.desc())
      .where(listed),
    index(`${table}_public_trending_idx`).on(t.hotScore.desc(), t.uuid.desc()).where(listed),
    check(`${table}_visibility_check`, sql`${t.visibilityLevel} in ('private', 'public')`),
    check(
      `${table}_moderation_check`,
      sql`${t.moderationStatus} in ('normal', 'banned', 'featured')`,
    ),
    check(`${table}_counters_check`, sql`${t.likeCount} >= 0 and ${t.favoriteCount} >= 0`),
  ];
}

/** One row per provider task. `uuid` is the public id and the idempotency key of its spend. */
export const generations = pgTable(
  "generations",
  {
    uuid: uuid("uuid").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    subType: text("sub_type").notNull().default("anime"),
    prompt: text("prompt").notNull(),
    finalPrompt: text("final_prompt"),
    modelId: text("model_id").notNull(),
    style: text("style"),
    scene: text("scene"),
    outfit: text("outfit"),
    action: text("action"),
    cameraMotion: text("camera_motion"),
    referenceImages: jsonb("reference_images").$type<string[]>().notNull().default([]),
    aspectRatio: text("aspect_ratio"),
    count: integer("count").notNull().default(1),
    successCount: integer("success_count").notNull().default(0),
    creditsCost: integer("credits_cost").notNull(),
    status: text("status").notNull().default("pending"),
    provider: text("provider").notNull(),
    remoteTaskId: text("remote_task_id"),
    callbackReceived: boolean("callback_received").notNull().default(false),
    lastPolledAt: timestamptz("last_polled_at"),
    /** Provider credits consumed by the task, when the provider reports it. */
    providerCost: integer("provider_cost"),
    errorCode: text("error_code"),
    errorMessage: text("error_message"),
    metadata: jsonb("metadata").$type<Record<string, unknown>>().notNull().default({}),
    visibilityLevel: visibility("visibility_level"),
    idempotencyKey: text("idempotency_key"),
    /** Hash of the normalised request: a reused Idempotency-Key with another body is a 409. */
    requestFingerprint: text("request_fingerprint"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    completedAt: timestamptz("completed_at"),
    /** Soft delete: hidden everywhere at once; media stays until the cleanup job removes it. */
    deletedAt: timestamptz("deleted_at"),
  },
  (t) => [
    unique("generations_user_idempotency_key").on(t.userId, t.idempotencyKey),
    unique("generations_provider_task_key").on(t.provider, t.remoteTaskId),
    index("generations_user_created_at_idx").on(t.userId, t.createdAt.desc(), t.uuid.desc()),
    index("generations_active_idx")
      .on(t.status, t.updatedAt)
      .where(sql`${t.status} in ('pending', 'processing')`),
    index("generations_created_at_idx").on(t.createdAt),
    index("generations_idempotency_created_idx")
      .on(t.createdAt)
      .where(sql`${t.idempotencyKey} is not null`),
    check("generations_type_check", sql`${t.type} in ('image', 'video')`),
    check(
      "generations_status_check",
      sql`${t.status} in ('pending', 'processing', 'succeeded', 'failed')`,
    ),
    check(
      "generations_counts_check",
      sql`${t.count} >= 1 and ${t.successCount} between 0 and ${t.count} and ${t.creditsCost} >= 0`,
    ),
    check("generations_visibility_check", sql`${t.visibilityLevel} in ('private', 'public')`),
  ],
);

export const generationImages = pgTable(
  "generation_images",
  {
    uuid: uuid("uuid").primaryKey().defaultRandom(),
    generationUuid: uuid("generation_uuid")
      .notNull()
      .references(() => generations.uuid, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    imageIndex: integer("image_index").notNull(),
    genType: text("gen_type").notNull().default("anime"),
    r2Key: text("r2_key").notNull(),
    imageUrl: text("image_url").notNull(),
    thumbnailUrl: text("thumbnail_url"),
    width: integer("width"),
    height: integer("height"),
    contentType: text("content_type"),
    byteSize: integer("byte_size"),
    generationParams: jsonb("generation_params").$type<Record<string, unknown>>(),
    finalPrompt: text("final_prompt"),
    originalPrompt: text("original_prompt"),
    modelId: text("model_id").notNull(),
    referenceImageUrl: text("reference_image_url"),
    ...artworkColumns(),
  },
  (t) => [
    unique("generation_images_generation_index_key").on(t.generationUuid, t.imageIndex),
    unique("generation_images_r2_key_key").on(t.r2Key),
    index("generation_images_user_created_idx").on(t.userId, t.createdAt.desc(), t.uuid.desc()),
    ...artworkConstraints("generation_images", t),
  ],
);

export const generationVideos = pgTable(
  "generation_videos",
  {
    uuid: uuid("uuid").primaryKey().defaultRandom(),
    generationUuid: uuid("generation_uuid")
      .notNull()
      .references(() => generations.uuid, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => user.id, { onDelete: "cascade" }),
    modelId: text("model_id").notNull(),
    quality: text("quality").notNull(),
    r2Key: text("r2_key").notNull(),
    videoUrl: text("video_url").notNull(),
    posterR2Key: text("poster_r2_key"),
    posterUrl: text("poster_url"),
    generationParams: jsonb("generation_params").$type<Record<string, unknown>>(),
    originalPrompt: text("original_prompt"),
    codec: text("codec"),
    durationSeconds: integer("duration_seconds"),
    ratio: text("ratio"),
    resolution: text("resolution"),
    byteSize: integer("byte_size"),
    ...artworkColumns(),
  },
  (t) => [
    unique("generation_videos_generation_quality_key").on(t.generationUuid, t.quality),
    unique("generation_videos_r2_key_key").on(t.r2Key),
    index("generation_videos_poster_r2_key_idx").on(t.posterR2Key),
    index("generation_videos_user_created_idx").on(t.userId, t.createdAt.desc(), t.uuid.desc()),
    ...artworkConstraints("generation_videos", t),
  ],
);
