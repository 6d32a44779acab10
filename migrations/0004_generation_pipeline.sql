ALTER TABLE "generations" ADD COLUMN "request_fingerprint" text;--> statement-breakpoint
ALTER TABLE "generations" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "generation_videos_poster_r2_key_idx" ON "generation_videos" USING btree ("poster_r2_key");--> statement-breakpoint
CREATE INDEX "generations_idempotency_created_idx" ON "generations" USING btree ("created_at") WHERE "generations"."idempotency_key" is not null;--> statement-breakpoint
ALTER TABLE "generation_images" ADD CONSTRAINT "generation_images_r2_key_key" UNIQUE("r2_key");--> statement-breakpoint
ALTER TABLE "generation_videos" ADD CONSTRAINT "generation_videos_r2_key_key" UNIQUE("r2_key");--> statement-breakpoint
-- A deleted generation leaves the gallery at once (its media is removed later by the cleanup job).
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
  COALESCE(i.style, g.style) AS style,
  i.moderation_status = 'featured' AS is_featured,
  i.width,
  i.height,
  NULL::integer AS duration_seconds,
  i.like_count,
  i.favorite_count,
  i.created_at
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
  g.style,
  v.moderation_status = 'featured' AS is_featured,
  NULL::integer AS width,
  NULL::integer AS height,
  v.duration_seconds,
  v.like_count,
  v.favorite_count,
  v.created_at
FROM "generation_videos" v
JOIN "generations" g ON g.uuid = v.generation_uuid
JOIN "user" u ON u.id = v.user_id
WHERE v.visibility_level = 'public' AND v.moderation_status <> 'banned' AND g.deleted_at IS NULL;
