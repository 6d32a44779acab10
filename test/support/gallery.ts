import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { CommunityPage } from "../../src/community/schemas";
import type { Database } from "../../src/db/client";
import { generationImages, generations, generationVideos } from "../../src/db/schema";
import { call } from "./http";

export interface SeedWork {
  type: "image" | "video";
  likes?: number;
  favorites?: number;
  visibility?: "public" | "private";
  moderation?: "normal" | "banned" | "featured";
  /** Seconds before now; equal values give equal timestamps (ties broken by uuid). */
  ageSeconds?: number;
  prompt?: string;
  model?: string;
}

export interface SeededWork {
  type: "image" | "video";
  uuid: string;
  generationUuid: string;
}

/**
 * Inserts finished works straight into the tables (one generation each), the way the pipeline
 * leaves them. `style` tags them all: a style only one test uses is that test's private slice
 * of the shared gallery (`?style=`), so parallel test files never see each other's works.
 */
export async function seedWorks(
  db: Database,
  input: { userId: string; style: string; works: SeedWork[]; now?: Date },
): Promise<SeededWork[]> {
  if (input.works.length === 0) return [];
  const now = input.now ?? new Date();
  const at = (w: SeedWork) => new Date(now.getTime() - (w.ageSeconds ?? 0) * 1000);
  const gens = await db
    .insert(generations)
    .values(
      input.works.map((w) => ({
        userId: input.userId,
        type: w.type,
        prompt: w.prompt ?? `seeded ${w.type} ${randomUUID().slice(0, 8)}`,
        modelId: w.model ?? (w.type === "image" ? "z-image" : "kling"),
        style: input.style,
        creditsCost: 1,
        provider: "kie",
        status: "succeeded",
        successCount: 1,
        createdAt: at(w),
      })),
    )
    .returning({
      uuid: generations.uuid,
      prompt: generations.prompt,
      modelId: generations.modelId,
    });
  const common = (w: SeedWork, i: number) => {
    const gen = gens[i] as { uuid: string; prompt: string; modelId: string };
    return {
      generationUuid: gen.uuid,
      userId: input.userId,
      modelId: gen.modelId,
      style: input.style,
      originalPrompt: gen.prompt,
      visibilityLevel: w.visibility ?? "public",
      moderationStatus: w.moderation ?? "normal",
      likeCount: w.likes ?? 0,
      favoriteCount: w.favorites ?? 0,
      createdAt: at(w),
    };
  };
  const key = (gen: string, name: string) => `media/${input.userId}/${gen}/${name}`;
  const indexed = input.works.map((w, i) => ({ w, i }));
  const images = indexed.filter(({ w }) => w.type === "image");
  const videos = indexed.filter(({ w }) => w.type === "video");
  const imageRows = images.length
    ? await db
        .insert(generationImages)
        .values(
          images.map(({ w, i }) => {
            const base = common(w, i);
            const r2Key = key(base.generationUuid, "0.png");
            return { ...base, imageIndex: 0, r2Key, imageUrl: `/${r2Key}`, width: 64, height: 64 };
          }),
        )
        .returning({ uuid: generationImages.uuid, generationUuid: generationImages.generationUuid })
    : [];
  const videoRows = videos.length
    ? await db
        .insert(generationVideos)
        .values(
          videos.map(({ w, i }) => {
            const base = common(w, i);
            const r2Key = key(base.generationUuid, "0.mp4");
            const posterR2Key = key(base.generationUuid, "0-poster.png");
            return {
              ...base,
              quality: "standard",
              r2Key,
              videoUrl: `/${r2Key}`,
              posterR2Key,
              posterUrl: `/${posterR2Key}`,
              durationSeconds: 5,
            };
          }),
        )
        .returning({ uuid: generationVideos.uuid, generationUuid: generationVideos.generationUuid })
    : [];
  const byGeneration = new Map<string, SeededWork>();
  for (const r of imageRows) byGeneration.set(r.generationUuid, { type: "image", ...r });
  for (const r of videoRows) byGeneration.set(r.generationUuid, { type: "video", ...r });
  return gens.map((g) => byGeneration.get(g.uuid) as SeededWork);
}

/** A style id nobody else uses: the test's own slice of the gallery. */
export function testStyle(): string {
  return `t-${randomUUID().slice(0, 12)}`;
}

/** GET a feed page as JSON (status 200 asserted by the caller through `res`). */
export async function feedPage(query: string, init?: RequestInit) {
  const res = await call(`/api/community/artworks?${query}`, init);
  return { res, body: res.status === 200 ? await res.json<CommunityPage>() : null };
}

/** Walks every page of a feed query; returns the items in the order served. */
export async function walkFeed(
  query: string,
  init?: RequestInit,
  onPage?: (n: number) => Promise<void>,
) {
  const seen: CommunityPage["items"] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 1000; page += 1) {
    const q: string = cursor ? `${query}&cursor=${encodeURIComponent(cursor)}` : query;
    const { res, body } = await feedPage(q, init);
    if (!body) throw new Error(`feed page ${page} answered ${res.status}: ${await res.text()}`);
    seen.push(...body.items);
    cursor = body.nextCursor;
    if (!cursor) return seen;
    await onPage?.(page);
  }
  throw new Error("walkFeed: more than 1000 pages");
}

/** The order the database says a sort has, for the test's slice: the reference to compare with. */
export async function expectedOrder(
  db: Database,
  style: string,
  sort: "newest" | "top" | "trending",
): Promise<string[]> {
  const keys = { newest: "created_at", top: "like_count desc, created_at", trending: "hot_score" };
  const order = sql.raw(`${keys[sort]} desc, uuid desc`);
  const listed = sql`style = ${style} and visibility_level = 'public' and moderation_status <> 'banned'`;
  const result = await db.execute<{ uuid: string }>(sql`
    select uuid from (
      select uuid, created_at, like_count, hot_score from generation_images where ${listed}
      union all
      select uuid, created_at, like_count, hot_score from generation_videos where ${listed}
    ) w order by ${order}`);
  return result.rows.map((r) => r.uuid);
}
