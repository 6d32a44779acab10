import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  credits,
  generationImages,
  operationCosts,
  stripeEvents,
  userIncentives,
  userInteractions,
} from "../../src/db/schema";
import { useTestDatabase } from "../support/db";
import { createGeneration, createUser, imageValues, insertGrant } from "../support/fixtures";

const db = useTestDatabase();

/** Postgres error code of a rejected statement (23505 unique, 23514 check). */
async function sqlState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    const e = error as { code?: string; cause?: { code?: string } };
    return e.code ?? e.cause?.code;
  }
}

describe("keys that make money and interactions idempotent", () => {
  it("allows one ledger row per (trans_type, source_id)", async () => {
    const user = await createUser(db());
    // Raw inserts: the key must hold even against code that skips the credits service.
    const row = {
      userId: user.id,
      transType: "purchase",
      amount: 100,
      remaining: 100,
      sourceId: `order-1-${user.id}`,
    };
    await db().insert(credits).values(row);
    expect(await sqlState(db().insert(credits).values(row))).toBe("23505");
    const all = await db().select().from(credits).where(eq(credits.userId, user.id));
    expect(all).toHaveLength(1);
  });

  it("refuses ledger rows with the wrong sign or an overspent grant", async () => {
    const user = await createUser(db());
    const base = { userId: user.id, sourceId: randomUUID() };
    expect(
      await sqlState(
        db()
          .insert(credits)
          .values({ ...base, transType: "purchase", amount: -5, remaining: 0 }),
      ),
    ).toBe("23514");
    expect(
      await sqlState(
        db()
          .insert(credits)
          .values({ ...base, transType: "generation", amount: 5 }),
      ),
    ).toBe("23514");
    expect(
      await sqlState(
        db()
          .insert(credits)
          .values({ ...base, transType: "purchase", amount: 5, remaining: 6 }),
      ),
    ).toBe("23514");
  });

  it("allows one like per user and work, one reward per user, type and day, one row per Stripe event", async () => {
    const user = await createUser(db());
    const artId = randomUUID();
    const like = { userId: user.id, artType: "image", artId, interactionType: "like" };
    await db().insert(userInteractions).values(like);
    expect(await sqlState(db().insert(userInteractions).values(like))).toBe("23505");
    await db()
      .insert(userInteractions)
      .values({ ...like, interactionType: "favorite" });

    const reward = { userId: user.id, type: "check_in", rewardAmount: 5, rewardDate: "2026-11-23" };
    await db().insert(userIncentives).values(reward);
    expect(await sqlState(db().insert(userIncentives).values(reward))).toBe("23505");

    const eventId = `evt_${randomUUID()}`;
    await db().insert(stripeEvents).values({ eventId, type: "invoice.paid" });
    expect(
      await sqlState(db().insert(stripeEvents).values({ eventId, type: "invoice.paid" })),
    ).toBe("23505");
  });

  it("keeps one image per (generation, index) and counters non-negative", async () => {
    const user = await createUser(db());
    const gen = await createGeneration(db(), user.id);
    const image = imageValues(gen);
    await db().insert(generationImages).values(image);
    expect(await sqlState(db().insert(generationImages).values(image))).toBe("23505");
    expect(
      await sqlState(
        db()
          .update(generationImages)
          .set({ likeCount: sql`${generationImages.likeCount} - 1` })
          .where(eq(generationImages.generationUuid, gen.uuid)),
      ),
    ).toBe("23514");
  });

  it("keeps one cost per (month, platform) and checks the month format", async () => {
    const platform = `kie-${randomUUID()}`;
    await db()
      .insert(operationCosts)
      .values({ month: "2026-10", platform, amount: 1000, currency: "usd" });
    expect(
      await sqlState(
        db()
          .insert(operationCosts)
          .values({ month: "2026-10", platform, amount: 1, currency: "usd" }),
      ),
    ).toBe("23505");
    expect(
      await sqlState(
        db()
          .insert(operationCosts)
          .values({ month: "2026-13", platform, amount: 1, currency: "usd" }),
      ),
    ).toBe("23514");
  });
});

describe("user_credit_balances", () => {
  it("counts unexpired remaining grants only and reports the next expiry", async () => {
    const user = await createUser(db());
    const soon = new Date(Date.now() + 3600_000);
    await insertGrant(db(), user.id, 100, { expiresAt: soon });
    await insertGrant(db(), user.id, 50, { expiresAt: null });
    await insertGrant(db(), user.id, 70, { expiresAt: new Date(Date.now() - 1000) });
    const [row] = (
      await db().execute(sql`select * from user_credit_balances where user_id = ${user.id}`)
    ).rows as { balance: number; total_earned: number; next_expiring_at: string }[];
    expect(row?.balance).toBe(150);
    expect(row?.total_earned).toBe(220);
    expect(new Date(row!.next_expiring_at).toISOString()).toBe(soon.toISOString());
  });
});
