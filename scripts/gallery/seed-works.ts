import type pg from "pg";

/**
 * A gallery-sized data set, written set-based (INSERT ... SELECT generate_series) so 100k rows
 * take seconds and 1M rows stay practical for the benchmark. Ids are md5-derived from a row
 * number, so a row is found again without a lookup table. Meant for an empty, migrated
 * database: it does not clean up earlier seeds.
 */
export interface WorkCounts {
  /** Listed in the gallery: public and not banned (a share of them featured). */
  public: number;
  private: number;
  /** Public but banned: outside the partial indexes' predicate, must never be read. */
  banned: number;
}

export interface SeedCounts {
  users: number;
  images: WorkCounts;
  videos: WorkCounts;
  /** Likes and favorites rows, so a signed-in page checks the viewer's flags for real. */
  interactions: number;
  /** How the like and favorite counters spread over works; `steep` when not given. */
  popularity?: Popularity;
}

export const GALLERY_SEED: SeedCounts = {
  users: 2_000,
  images: { public: 100_000, private: 15_000, banned: 2_000 },
  videos: { public: 10_000, private: 1_500, banned: 200 },
  interactions: 50_000,
};

const IMAGES_PER_GENERATION = 4;
const SPREAD = "interval '180 days'";
/**
 * `top` and `trending` must stay index scans on skewed counters, not only on uniform ones.
 * `steep`: half the works under 20 likes, yet one in five above a thousand.
 * `long-tail`: a power law as in a real community — half the works at most one like, one in a
 * hundred above 150, about two in a thousand above a thousand (up to 8,000).
 */
export type Popularity = "steep" | "long-tail";
const COUNTERS: Record<Popularity, { likes: string; favorites: string }> = {
  steep: {
    likes: "floor(pow(random(), 8) * 5000)::int",
    favorites: "floor(pow(random(), 10) * 1500)::int",
  },
  "long-tail": {
    likes: "floor(least(pow(1 - random(), -1.1) - 1, 8000))::int",
    favorites: "floor(least(pow(1 - random(), -0.9) - 1, 3000))::int",
  },
};
const IMAGE_MODELS = "(array['nano-banana','nano-banana-pro','gpt-4o-image','seedream','flux'])";
const VIDEO_MODELS = "(array['veo3','veo3_fast','kling','runway','sora-2'])";
const STYLES = "(array['classic-anime','ghibli-watercolor','cyberpunk-neon','chibi','mecha'])";
const pick = (list: string, n: string) => `${list}[1 + (${n}) % array_length(${list}, 1)]`;
// Real prompts run to a few hundred characters; the row width decides how many heap pages a
// page of results touches, which EXPLAIN's buffer counts report.
const prompt = (n: string) =>
  `'seed work ' || ${n} || ': ' || repeat('silver-haired girl, soft rim light, ', 2 + ${n} % 9)`;

/** Row `n` of `c` is listed, private or banned, in that order of numbers. */
function stateSql(c: WorkCounts, n: string) {
  const privateEnd = c.public + c.private;
  return {
    visibility: `case when ${n} > ${c.public} and ${n} <= ${privateEnd} then 'private' else 'public' end`,
    moderation: `case when ${n} > ${privateEnd} then 'banned' when ${n} % 40 = 0 then 'featured' else 'normal' end`,
  };
}

const total = (c: WorkCounts) => c.public + c.private + c.banned;
/** The id of seed user `n` (1-based), as SQL: other seeders find the users without a lookup. */
export const seedUserIdSql = (n: string) => `md5('seed-user:' || ${n})::uuid`;
const randomUser = (users: number) => seedUserIdSql(`1 + floor(pow(random(), 2) * ${users})::int`);

export async function seedWorks(client: pg.ClientBase, counts: SeedCounts): Promise<void> {
  const { likes, favorites } = COUNTERS[counts.popularity ?? "steep"];
  await client.query(`
    insert into "user" (id, name, email, display_name, avatar_url, created_at)
    select ${seedUserIdSql("n")}, 'seed user ' || n, 'seed' || n || '@example.test',
      case when n % 3 = 0 then 'Artist ' || n end,
      case when n % 5 = 0 then 'https://avatars.example.test/' || n || '.png' end,
      now() - ${SPREAD} - random() * interval '30 days'
    from generate_series(1, ${counts.users}) n`);

  const images = counts.images;
  const imageGenerations = Math.ceil(total(images) / IMAGES_PER_GENERATION);
  const genState = stateSql(images, `((k - 1) * ${IMAGES_PER_GENERATION} + 1)`);
  await client.query(`
    insert into generations (uuid, user_id, type, prompt, model_id, style, count, success_count,
      credits_cost, status, provider, remote_task_id, visibility_level, created_at, updated_at,
      completed_at)
    select md5('seed-image-gen:' || k)::uuid, ${randomUser(counts.users)}, 'image', ${prompt("k")},
      ${pick(IMAGE_MODELS, "k")}, ${pick(STYLES, "k")}, ${IMAGES_PER_GENERATION},
      least(${IMAGES_PER_GENERATION}, ${total(images)} - (k - 1) * ${IMAGES_PER_GENERATION}),
      40, 'succeeded', 'kie', 'seed-image-' || k, ${genState.visibility}, t, t, t
    from (select k, now() - random() * ${SPREAD} as t
          from generate_series(1, ${imageGenerations}) k) s`);

  // Images of one generation share its timestamp, as rows written in one transaction do, so
  // `newest` meets ties that only the uuid breaks.
  const imageState = stateSql(images, "i");
  await client.query(`
    insert into generation_images (generation_uuid, user_id, image_index, r2_key, image_url,
      thumbnail_url, width, height, content_type, byte_size, original_prompt, model_id, style,
      visibility_level, moderation_status, like_count, favorite_count, created_at, updated_at)
    select g.uuid, g.user_id, (i - 1) % ${IMAGES_PER_GENERATION}, 'seed/images/' || i || '.png',
      '/media/seed/images/' || i || '.png', '/media/seed/thumbs/' || i || '.webp', 832, 1216,
      'image/png', 1500000 + i % 500000, g.prompt, g.model_id, g.style,
      ${imageState.visibility}, ${imageState.moderation}, ${likes}, ${favorites},
      g.created_at, g.created_at
    from generate_series(1, ${total(images)}) i
    join generations g
      on g.uuid = md5('seed-image-gen:' || ((i - 1) / ${IMAGES_PER_GENERATION} + 1))::uuid`);

  const videos = counts.videos;
  const videoState = stateSql(videos, "v");
  await client.query(`
    insert into generations (uuid, user_id, type, prompt, model_id, style, count, success_count,
      credits_cost, status, provider, remote_task_id, visibility_level, created_at, updated_at,
      completed_at)
    select md5('seed-video-gen:' || v)::uuid, ${randomUser(counts.users)}, 'video', ${prompt("v")},
      ${pick(VIDEO_MODELS, "v")}, ${pick(STYLES, "v")}, 1, 1, 120, 'succeeded', 'kie',
      'seed-video-' || v, ${videoState.visibility}, t, t, t
    from (select v, now() - random() * ${SPREAD} as t
          from generate_series(1, ${total(videos)}) v) s`);
  await client.query(`
    insert into generation_videos (generation_uuid, user_id, model_id, quality, r2_key, video_url,
      poster_r2_key, poster_url, original_prompt, codec, duration_seconds, ratio, resolution,
      byte_size, style, visibility_level, moderation_status, like_count, favorite_count,
      created_at, updated_at)
    select g.uuid, g.user_id, g.model_id, '720p', 'seed/videos/' || v || '.mp4',
      '/media/seed/videos/' || v || '.mp4', 'seed/posters/' || v || '.webp',
      '/media/seed/posters/' || v || '.webp', g.prompt, 'h264', 5 + v % 6, '16:9', '720p',
      8000000 + v % 4000000, g.style, ${videoState.visibility}, ${videoState.moderation},
      ${likes}, ${favorites}, g.created_at, g.created_at
    from generate_series(1, ${total(videos)}) v
    join generations g on g.uuid = md5('seed-video-gen:' || v)::uuid`);

  // Some authors use one of their own images as avatar, which the page resolves per row.
  await client.query(`
    update "user" u set avatar_url = own.uuid::text
    from (select distinct on (user_id) user_id, uuid from generation_images
          order by user_id, created_at desc) own
    where own.user_id = u.id and u.avatar_url is null and abs(hashtext(u.id::text)) % 4 = 0`);

  // Heavy users like many works, so one of them is a realistic signed-in viewer.
  await client.query(`
    insert into user_interactions (user_id, art_type, art_id, interaction_type, created_at)
    select ${randomUser(counts.users)}, w.type, w.uuid,
      case when random() < 0.8 then 'like' else 'favorite' end, w.created_at + interval '1 hour'
    from (
      select 'image' as type, uuid, created_at from generation_images tablesample bernoulli (50)
      union all
      select 'video', uuid, created_at from generation_videos tablesample bernoulli (50)
    ) w
    order by random()
    limit ${counts.interactions}
    on conflict do nothing`);
}
