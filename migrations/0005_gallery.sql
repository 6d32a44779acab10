DROP INDEX "user_interactions_user_kind_created_idx";--> statement-breakpoint
ALTER TABLE "generation_images" ADD COLUMN "hot_score" double precision GENERATED ALWAYS AS (log(greatest(1 + like_count + 2 * favorite_count, 1)::double precision) + extract(epoch from (created_at - '1970-01-01 00:00:00+00'::timestamptz))::double precision / 45000) STORED;--> statement-breakpoint
ALTER TABLE "generation_videos" ADD COLUMN "style" text;--> statement-breakpoint
ALTER TABLE "generation_videos" ADD COLUMN "hot_score" double precision GENERATED ALWAYS AS (log(greatest(1 + like_count + 2 * favorite_count, 1)::double precision) + extract(epoch from (created_at - '1970-01-01 00:00:00+00'::timestamptz))::double precision / 45000) STORED;--> statement-breakpoint
CREATE INDEX "generation_images_public_trending_idx" ON "generation_images" USING btree ("hot_score" DESC NULLS LAST,"uuid" DESC NULLS LAST) WHERE "generation_images"."visibility_level" = 'public' and "generation_images"."moderation_status" <> 'banned';--> statement-breakpoint
CREATE INDEX "generation_videos_public_trending_idx" ON "generation_videos" USING btree ("hot_score" DESC NULLS LAST,"uuid" DESC NULLS LAST) WHERE "generation_videos"."visibility_level" = 'public' and "generation_videos"."moderation_status" <> 'banned';--> statement-breakpoint
CREATE INDEX "user_interactions_user_kind_created_idx" ON "user_interactions" USING btree ("user_id","interaction_type","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
-- Videos carry their style like images do, so the gallery's style filter reads one table.
UPDATE "generation_videos" v SET "style" = g."style" FROM "generations" g WHERE g.uuid = v.generation_uuid AND v."style" IS NULL;--> statement-breakpoint
UPDATE "generation_images" i SET "style" = g."style" FROM "generations" g WHERE g.uuid = i.generation_uuid AND i."style" IS NULL;--> statement-breakpoint
-- The view gains the trending score and reads each work's own style (the columns it adds go last,
-- as CREATE OR REPLACE VIEW requires).
CREATE OR REPLACE VIEW "community_artworks_view" AS
SELECT
  'image'::text AS type,
  i.uuid AS source_uuid,
  i.generation_uuid,
  i.user_id AS author_id,
  COALESCE(u.display_name, u.name) AS author_name,
  u.avatar_url AS author_avatar_url,
  COALESCE(i.original_prompt, g.prompt) AS prompt,
  i.image_url AS cover_url,
  jsonb_build_array(i.image_url) AS media_urls,
  to_jsonb(array_remove(ARRAY[g.style, g.scene, g.outfit, g.action], NULL)) AS tags,
  i.model_id,
  i.style,
  i.moderation_status = 'featured' AS is_featured,
  i.width,
  i.height,
  NULL::integer AS duration_seconds,
  i.like_count,
  i.favorite_count,
  i.created_at,
  i.hot_score
FROM "generation_images" i
JOIN "generations" g ON g.uuid = i.generation_uuid
JOIN "user" u ON u.id = i.user_id
WHERE i.visibility_level = 'public' AND i.moderation_status <> 'banned' AND g.deleted_at IS NULL
UNION ALL
SELECT
  'video'::text AS type,
  v.uuid AS source_uuid,
  v.generation_uuid,
  v.user_id AS author_id,
  COALESCE(u.display_name, u.name) AS author_name,
  u.avatar_url AS author_avatar_url,
  COALESCE(v.original_prompt, g.prompt) AS prompt,
  COALESCE(v.poster_url, v.video_url) AS cover_url,
  jsonb_build_array(v.video_url) AS media_urls,
  to_jsonb(array_remove(ARRAY[g.style, g.scene, g.camera_motion], NULL)) AS tags,
  v.model_id,
  v.style,
  v.moderation_status = 'featured' AS is_featured,
  NULL::integer AS width,
  NULL::integer AS height,
  v.duration_seconds,
  v.like_count,
  v.favorite_count,
  v.created_at,
  v.hot_score
FROM "generation_videos" v
JOIN "generations" g ON g.uuid = v.generation_uuid
JOIN "user" u ON u.id = v.user_id
WHERE v.visibility_level = 'public' AND v.moderation_status <> 'banned' AND g.deleted_at IS NULL;
