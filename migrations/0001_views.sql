-- Hand-written views (drizzle-kit does not generate these). Dates are UTC calendar days.

-- Balance per SPEC §2: only unexpired grants count; `remaining` already reflects spends,
-- refunds and clawbacks (see src/db/schema/credits.ts).
CREATE VIEW "user_credit_balances" AS
SELECT
  c.user_id,
  COALESCE(SUM(c.remaining) FILTER (
    WHERE c.remaining IS NOT NULL AND (c.expires_at IS NULL OR c.expires_at > now())
  ), 0)::integer AS balance,
  COALESCE(SUM(c.amount) FILTER (WHERE c.remaining IS NOT NULL), 0)::integer AS total_earned,
  (COALESCE(SUM(-c.amount) FILTER (WHERE c.trans_type = 'generation'), 0)
    - COALESCE(SUM(c.amount) FILTER (WHERE c.trans_type = 'refund'), 0))::integer AS total_used,
  MAX(c.created_at) AS last_event_at,
  MIN(c.expires_at) FILTER (
    WHERE c.remaining > 0 AND c.expires_at > now()
  ) AS next_expiring_at
FROM "credits" c
GROUP BY c.user_id;
--> statement-breakpoint
CREATE VIEW "vw_orders_daily_revenue" AS
SELECT
  (o.paid_at AT TIME ZONE 'UTC')::date AS date,
  o.currency,
  SUM(o.amount)::bigint AS revenue,
  COUNT(*)::integer AS orders,
  SUM(o.refunded_amount)::bigint AS refunded,
  (SUM(o.amount) - SUM(o.refunded_amount))::bigint AS net_revenue
FROM "orders" o
WHERE o.status IN ('paid', 'refunded') AND o.paid_at IS NOT NULL
GROUP BY 1, 2;
--> statement-breakpoint
CREATE VIEW "vw_generations_daily_counts" AS
WITH per_type AS (
  SELECT (g.created_at AT TIME ZONE 'UTC')::date AS date, g.type, g.status, COUNT(*)::integer AS n
  FROM "generations" g
  GROUP BY 1, 2, 3
)
SELECT
  date,
  SUM(n)::integer AS total,
  COALESCE(SUM(n) FILTER (WHERE status = 'succeeded'), 0)::integer AS succeeded,
  COALESCE(SUM(n) FILTER (WHERE status = 'failed'), 0)::integer AS failed,
  (SELECT jsonb_object_agg(t.type, t.n) FROM (
    SELECT p2.type, SUM(p2.n)::integer AS n FROM per_type p2 WHERE p2.date = per_type.date GROUP BY p2.type
  ) t) AS type_counts
FROM per_type
GROUP BY date;
--> statement-breakpoint
CREATE VIEW "vw_generation_failures_daily" AS
SELECT
  (g.created_at AT TIME ZONE 'UTC')::date AS date,
  g.type,
  COUNT(*)::integer AS failed_count
FROM "generations" g
WHERE g.status = 'failed'
GROUP BY 1, 2;
--> statement-breakpoint
CREATE VIEW "vw_generations_type_summary" AS
SELECT g.type, COUNT(*)::integer AS total, MAX(g.updated_at) AS last_updated_at
FROM "generations" g
GROUP BY g.type;
--> statement-breakpoint
-- Public, non-banned works of both kinds in one shape for the gallery.
CREATE VIEW "community_artworks_view" AS
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
WHERE i.visibility_level = 'public' AND i.moderation_status <> 'banned'
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
WHERE v.visibility_level = 'public' AND v.moderation_status <> 'banned';
