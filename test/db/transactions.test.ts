import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { credits, generationImages } from "../../src/db/schema";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser, imageValues, insertGrant } from "../support/fixtures";

const db = useTestDatabase();

describe("interactive transactions through the Neon driver", () => {
  it("commits together and rolls back together", async () => {
    const user = await createUser(db());
    await db().transaction(async (tx) => {
      await tx.insert(credits).values({
        userId: user.id,
        transType: "admin_grant",
        amount: 5,
        remaining: 5,
        sourceId: `ok-${user.id}`,
      });
    });
    await expect(
      db().transaction(async (tx) => {
        await tx.insert(credits).values({
          userId: user.id,
          transType: "admin_grant",
          amount: 7,
          remaining: 7,
          sourceId: `rolled-${user.id}`,
        });
        throw new Error("abort after the insert");
      }),
    ).rejects.toThrow("abort after the insert");
    const rows = await db()
      .select({ sourceId: credits.sourceId })
      .from(credits)
      .where(eq(credits.userId, user.id));
    expect(rows.map((r) => r.sourceId)).toEqual([`ok-${user.id}`]);
  });

  it("serialises concurrent read-modify-write under a row lock: 20 racers, no lost update", async () => {
    const user = await createUser(db());
    const gen = await createGeneration(db(), user.id);
    const [image] = await db().insert(generationImages).values(imageValues(gen)).returning();
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db().transaction(async (tx) => {
          const [row] = await tx
            .select({ likes: generationImages.likeCount })
            .from(generationImages)
            .where(eq(generationImages.uuid, image!.uuid))
            .for("update");
          await tx
            .update(generationImages)
            .set({ likeCount: row!.likes + 1 })
            .where(eq(generationImages.uuid, image!.uuid));
        }),
      ),
    );
    const [after] = await db()
      .select({ likes: generationImages.likeCount })
      .from(generationImages)
      .where(eq(generationImages.uuid, image!.uuid));
    expect(after?.likes).toBe(20);
  });

  it("a conditional update lets exactly one of many racers take the last unit", async () => {
    const user = await createUser(db());
    const grant = await insertGrant(db(), user.id, 1);
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        db()
          .update(credits)
          .set({ remaining: sql`${credits.remaining} - 1` })
          .where(sql`${credits.id} = ${grant.id} and ${credits.remaining} >= 1`)
          .returning({ id: credits.id }),
      ),
    );
    expect(results.filter((r) => r.length === 1)).toHaveLength(1);
  });
});
