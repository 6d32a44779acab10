import { randomUUID } from "node:crypto";
import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { type SocialStatsReport, verifySocialStats } from "../../src/community/social-stats";
import type { Database } from "../../src/db/client";
import { generationImages, generationVideos, userInteractions } from "../../src/db/schema";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser, imageValues } from "../support/fixtures";

// Other test files share the database and may hold counters of their own making, so repairs
// here are scoped to this file's works (`workUuids`); only dry runs scan everything.
const db = useTestDatabase({ max: 20 });
const YESTERDAY = new Date(Date.now() - 86_400_000);

type Kind = "like" | "favorite";

async function interact(artType: "image" | "video" | "character", artId: string, kind: Kind) {
  const fan = await createUser(db());
  await db()
    .insert(userInteractions)
    .values({ userId: fan.id, artType, artId, interactionType: kind });
}

async function newImage(userId: string, counters: { likeCount?: number } = {}) {
  const generation = await createGeneration(db(), userId, { status: "succeeded" });
  const [row] = await db()
    .insert(generationImages)
    .values(
      imageValues(generation, { ...counters, visibilityLevel: "public", updatedAt: YESTERDAY }),
    )
    .returning();
  return row!;
}

async function newVideo(userId: string, counters: { favoriteCount?: number } = {}) {
  const generation = await createGeneration(db(), userId, { type: "video", status: "succeeded" });
  const key = `media/${userId}/${generation.uuid}/video.mp4`;
  const [row] = await db()
    .insert(generationVideos)
    .values({
      generationUuid: generation.uuid,
      userId,
      modelId: "veo3",
      quality: "720p",
      r2Key: key,
      videoUrl: `/${key}`,
      visibilityLevel: "public",
      updatedAt: YESTERDAY,
      ...counters,
    })
    .returning();
  return row!;
}

/**
 * An image claiming 7 likes with 3 like rows, a video claiming 5 favorites with 2, an image
 * whose count is right, a like on an image that no longer exists and a like on a character.
 */
async function driftedWorks() {
  const owner = await createUser(db());
  const overLiked = await newImage(owner.id, { likeCount: 7 });
  for (let i = 0; i < 3; i++) await interact("image", overLiked.uuid, "like");
  const overFavorited = await newVideo(owner.id, { favoriteCount: 5 });
  for (let i = 0; i < 2; i++) await interact("video", overFavorited.uuid, "favorite");
  const correct = await newImage(owner.id, { likeCount: 1 });
  await interact("image", correct.uuid, "like");
  const deleted = randomUUID();
  await interact("image", deleted, "like");
  const character = randomUUID();
  await interact("character", character, "favorite");
  const workUuids = [overLiked.uuid, overFavorited.uuid, correct.uuid, deleted, character];
  return { overLiked, overFavorited, correct, deleted, character, workUuids };
}

type World = Awaited<ReturnType<typeof driftedWorks>>;

function expectedDrift(w: World) {
  return [
    { type: "image", uuid: w.overLiked.uuid, field: "likeCount", stored: 7, actual: 3 },
    { type: "video", uuid: w.overFavorited.uuid, field: "favoriteCount", stored: 5, actual: 2 },
  ];
}

const onlyMine = (report: SocialStatsReport, w: World) => ({
  drift: report.drift.filter((d) => w.workUuids.includes(d.uuid)),
  orphans: report.orphans.filter((o) => w.workUuids.includes(o.uuid)),
});

async function countersOf(w: World) {
  const images = await db()
    .select({
      uuid: generationImages.uuid,
      likes: generationImages.likeCount,
      updatedAt: generationImages.updatedAt,
    })
    .from(generationImages)
    .where(inArray(generationImages.uuid, [w.overLiked.uuid, w.correct.uuid]));
  const [video] = await db()
    .select({ favorites: generationVideos.favoriteCount, updatedAt: generationVideos.updatedAt })
    .from(generationVideos)
    .where(eq(generationVideos.uuid, w.overFavorited.uuid));
  const byUuid = new Map(images.map((i) => [i.uuid, i]));
  return { overLiked: byUuid.get(w.overLiked.uuid)!, correct: byUuid.get(w.correct.uuid)!, video };
}

async function interactionRowsOn(artId: string) {
  return db().select().from(userInteractions).where(eq(userInteractions.artId, artId));
}

describe(`verifySocialStats (${inject("databaseKind")})`, () => {
  it("a dry run reports exactly the injected drift and orphans and changes nothing", async () => {
    const w = await driftedWorks();
    const report = await verifySocialStats(db(), { repair: false, workUuids: w.workUuids });

    expect(report).toMatchObject({
      repaired: false,
      worksChecked: { image: 2, video: 1 },
      interactionsChecked: 8,
      drift: expectedDrift(w),
      orphans: [{ type: "image", uuid: w.deleted, likes: 1, favorites: 0 }],
      orphanRows: 1,
      characterInteractions: 1,
    });
    const after = await countersOf(w);
    expect(after.overLiked.likes).toBe(7);
    expect(after.video?.favorites).toBe(5);
    expect(after.overLiked.updatedAt).toEqual(YESTERDAY);
    expect(await interactionRowsOn(w.deleted)).toHaveLength(1);
  });

  it("the full scan finds the same drift among every other work in the database", async () => {
    const w = await driftedWorks();
    const report = await verifySocialStats(db(), { repair: false });

    expect(onlyMine(report, w)).toEqual({
      drift: expectedDrift(w),
      orphans: [{ type: "image", uuid: w.deleted, likes: 1, favorites: 0 }],
    });
    expect(report.worksChecked.image).toBeGreaterThanOrEqual(2);
    expect(report.characterInteractions).toBeGreaterThanOrEqual(1);
  });

  it("repairs the drift, reports what it fixed, and a second run finds nothing", async () => {
    const w = await driftedWorks();
    const now = new Date("2030-01-02T03:04:05.000Z");
    const report = await verifySocialStats(db(), { repair: true, now, workUuids: w.workUuids });

    expect(report).toMatchObject({
      repaired: true,
      checkedAt: now,
      drift: expectedDrift(w),
      orphans: [{ type: "image", uuid: w.deleted, likes: 1, favorites: 0 }],
      orphanRows: 1,
      characterInteractions: 1,
    });
    const after = await countersOf(w);
    expect(after.overLiked).toMatchObject({ likes: 3, updatedAt: now });
    expect(after.video).toMatchObject({ favorites: 2, updatedAt: now });
    expect(after.correct).toMatchObject({ likes: 1, updatedAt: YESTERDAY });
    expect(await interactionRowsOn(w.deleted)).toHaveLength(0);
    expect(await interactionRowsOn(w.character)).toHaveLength(1);

    const again = await verifySocialStats(db(), { repair: true, workUuids: w.workUuids });
    expect(again).toMatchObject({ drift: [], orphans: [], orphanRows: 0 });
    expect((await countersOf(w)).overLiked.updatedAt).toEqual(now);
  });

  it("repairs racing concurrent likes leave the counter equal to the like rows", async () => {
    const owner = await createUser(db());
    const image = await newImage(owner.id, { likeCount: 40 });
    const fans = await Promise.all(Array.from({ length: 30 }, () => createUser(db())));
    const scope = { workUuids: [image.uuid] };

    const likes = fans.map((fan) => likeAsTheLikeServiceDoes(db(), image.uuid, fan.id));
    const repairs = Array.from({ length: 5 }, () =>
      verifySocialStats(db(), { repair: true, ...scope }),
    );
    await Promise.all([...likes, ...repairs]);

    const [row] = await db()
      .select({ likes: generationImages.likeCount })
      .from(generationImages)
      .where(eq(generationImages.uuid, image.uuid));
    expect(row?.likes).toBe(30);
    expect(await interactionRowsOn(image.uuid)).toHaveLength(30);
    expect((await verifySocialStats(db(), { repair: false, ...scope })).drift).toEqual([]);
  });
});

/**
 * The like service's protocol (src/community/interactions.ts): lock the work, insert the row,
 * move the counter only when the row is new. Inlined so this file tests the repair's locking
 * against the protocol itself.
 */
function likeAsTheLikeServiceDoes(database: Database, uuid: string, userId: string) {
  return database.transaction(async (tx) => {
    await tx.execute(
      sql`select uuid from "generation_images" where uuid = ${uuid}::uuid for no key update`,
    );
    const inserted = await tx.execute(sql`
      insert into "user_interactions" (user_id, art_type, art_id, interaction_type)
      values (${userId}::uuid, 'image', ${uuid}::uuid, 'like')
      on conflict on constraint "user_interactions_user_art_kind_key" do nothing
      returning id`);
    if (inserted.rows.length > 0) {
      await tx.execute(sql`update "generation_images" set like_count = like_count + 1
        where uuid = ${uuid}::uuid`);
    }
  });
}
