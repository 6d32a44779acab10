import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { recordExpiredCredits } from "../../src/credits/expiry";
import { creditSummary } from "../../src/credits/queries";
import {
  clawbackOrder,
  grantCredits,
  refundCredits,
  spendCredits,
} from "../../src/credits/service";
import { credits } from "../../src/db/schema";
import { ApiError } from "../../src/lib/errors";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";

const db = useTestDatabase();
const DAY = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY);

async function newUser() {
  return (await createUser(db())).id;
}

async function grant(userId: string, amount: number, expiresInDays: number | null, extra = {}) {
  const { entry } = await grantCredits(db(), {
    userId,
    amount,
    type: "purchase",
    sourceId: `test:${randomUUID()}`,
    expiresAt: expiresInDays === null ? null : inDays(expiresInDays),
    ...extra,
  });
  return entry;
}

const balanceOf = async (userId: string) => (await creditSummary(db(), userId, new Date())).balance;

async function remainingOf(grantId: string) {
  const [row] = await db().select().from(credits).where(eq(credits.id, grantId));
  return row?.remaining;
}

async function entriesOf(userId: string, transType: string) {
  return db()
    .select()
    .from(credits)
    .where(and(eq(credits.userId, userId), eq(credits.transType, transType)));
}

/** Moves a grant's expiry into the past, as if time had passed. */
async function expire(grantId: string) {
  await db()
    .update(credits)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(eq(credits.id, grantId));
}

const spend = (userId: string, amount: number, sourceId = randomUUID()) =>
  spendCredits(db(), { userId, amount, sourceId, now: new Date() });

describe("grants", () => {
  it("happen at most once per (type, source)", async () => {
    const userId = await newUser();
    const input = {
      userId,
      amount: 30,
      type: "purchase" as const,
      sourceId: `order-${randomUUID()}`,
    };
    const first = await grantCredits(db(), input);
    const again = await grantCredits(db(), input);
    expect(first.created).toBe(true);
    expect(again).toMatchObject({ created: false, entry: { id: first.entry.id } });
    expect(await balanceOf(userId)).toBe(30);
  });

  it("refuse to reuse a source for a different amount or user", async () => {
    const userId = await newUser();
    const sourceId = `order-${randomUUID()}`;
    await grantCredits(db(), { userId, amount: 30, type: "purchase", sourceId });
    await expect(
      grantCredits(db(), { userId, amount: 31, type: "purchase", sourceId }),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    await expect(
      grantCredits(db(), { userId: await newUser(), amount: 30, type: "purchase", sourceId }),
    ).rejects.toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
  });

  it("reject zero, negative, fractional and absurd amounts", async () => {
    const userId = await newUser();
    for (const amount of [0, -5, 1.5, 10_000_001, Number.NaN]) {
      await expect(
        grantCredits(db(), { userId, amount, type: "admin_grant", sourceId: randomUUID() }),
      ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    expect(await entriesOf(userId, "admin_grant")).toHaveLength(0);
  });
});

describe("spends", () => {
  it("consume the earliest-expiring grants first and keep the rest", async () => {
    const userId = await newUser();
    const late = await grant(userId, 10, 60);
    const never = await grant(userId, 10, null);
    const soon = await grant(userId, 10, 5);
    await spend(userId, 15);
    expect(await remainingOf(soon.id)).toBe(0);
    expect(await remainingOf(late.id)).toBe(5);
    expect(await remainingOf(never.id)).toBe(10);
    expect(await balanceOf(userId)).toBe(15);
  });

  it("fail with INSUFFICIENT_CREDITS and write nothing when short", async () => {
    const userId = await newUser();
    const only = await grant(userId, 5, 30);
    const failure = await spend(userId, 6).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({
      code: "INSUFFICIENT_CREDITS",
      details: { required: 6, balance: 5 },
    });
    expect(await entriesOf(userId, "generation")).toHaveLength(0);
    expect(await remainingOf(only.id)).toBe(5);
  });

  it("do not count expired credits", async () => {
    const userId = await newUser();
    const old = await grant(userId, 100, 1);
    await grant(userId, 3, 30);
    await expire(old.id);
    await expect(spend(userId, 4)).rejects.toMatchObject({ code: "INSUFFICIENT_CREDITS" });
    expect(await balanceOf(userId)).toBe(3);
  });

  it("happen at most once per source", async () => {
    const userId = await newUser();
    await grant(userId, 10, 30);
    const sourceId = randomUUID();
    const first = await spend(userId, 4, sourceId);
    const again = await spend(userId, 4, sourceId);
    expect(again).toMatchObject({ replayed: true, entry: { id: first.entry.id } });
    expect(await balanceOf(userId)).toBe(6);
    await expect(spend(userId, 5, sourceId)).rejects.toMatchObject({
      code: "IDEMPOTENCY_KEY_REUSED",
    });
  });

  it("join the caller's transaction: its rollback undoes the spend", async () => {
    const userId = await newUser();
    await grant(userId, 10, 30);
    const sourceId = randomUUID();
    await expect(
      db().transaction(async (tx) => {
        await spendCredits(tx, { userId, amount: 7, sourceId, now: new Date() });
        throw new Error("the generation insert failed");
      }),
    ).rejects.toThrow("the generation insert failed");
    expect(await balanceOf(userId)).toBe(10);
    expect(await entriesOf(userId, "generation")).toHaveLength(0);
  });
});

describe("refunds", () => {
  it("return credits to the grants they came from, keeping their expiry", async () => {
    const userId = await newUser();
    const soon = await grant(userId, 4, 3);
    const late = await grant(userId, 10, 90);
    const { entry } = await spend(userId, 6);
    expect(await balanceOf(userId)).toBe(8);
    const result = await refundCredits(db(), { sourceId: entry.sourceId, now: new Date() });
    expect(result).toMatchObject({ status: "refunded", returned: 6, forfeited: 0 });
    expect(await remainingOf(soon.id)).toBe(4);
    expect(await remainingOf(late.id)).toBe(10);
    const summary = await creditSummary(db(), userId, new Date());
    expect(summary.nextExpiringAt?.getTime()).toBe(soon.expiresAt?.getTime());
    expect(summary.nextExpiringAmount).toBe(4);
  });

  it("can be partial (a batch that half succeeded) and happen only once", async () => {
    const userId = await newUser();
    await grant(userId, 20, 30);
    const { entry } = await spend(userId, 8);
    const partial = await refundCredits(db(), {
      sourceId: entry.sourceId,
      amount: 4,
      now: new Date(),
    });
    expect(partial).toMatchObject({ status: "refunded", returned: 4 });
    const again = await refundCredits(db(), { sourceId: entry.sourceId, now: new Date() });
    expect(again.status).toBe("already_refunded");
    expect(await balanceOf(userId)).toBe(16);
    expect(await entriesOf(userId, "refund")).toHaveLength(1);
  });

  it("never refund more than was spent, and say so when there was no spend", async () => {
    const userId = await newUser();
    await grant(userId, 20, 30);
    const { entry } = await spend(userId, 5);
    await expect(
      refundCredits(db(), { sourceId: entry.sourceId, amount: 6, now: new Date() }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await refundCredits(db(), { sourceId: randomUUID(), now: new Date() })).toEqual({
      status: "no_spend",
    });
    expect(await balanceOf(userId)).toBe(15);
  });

  it("do not resurrect credits whose grant expired after the spend", async () => {
    const userId = await newUser();
    const shortLived = await grant(userId, 5, 2);
    const longLived = await grant(userId, 5, 60);
    const { entry } = await spend(userId, 8); // 5 from shortLived, 3 from longLived
    await expire(shortLived.id);
    const result = await refundCredits(db(), { sourceId: entry.sourceId, now: new Date() });
    expect(result).toMatchObject({ status: "refunded", returned: 3, forfeited: 5 });
    expect(await balanceOf(userId)).toBe(5);
    expect(await remainingOf(longLived.id)).toBe(5);
    expect(await remainingOf(shortLived.id)).toBe(0);
    const [refund] = await entriesOf(userId, "refund");
    expect(refund).toMatchObject({ amount: 3, metadata: { requested: 8, forfeited: 5 } });
  });
});

describe("clawback of a refunded order", () => {
  it("removes only what is unspent, never driving the balance below zero", async () => {
    const userId = await newUser();
    const orderNo = `ord_${randomUUID()}`;
    const pack = await grant(userId, 100, 365, { orderNo, sourceId: orderNo });
    await grant(userId, 10, 30); // a check-in reward, not part of the order
    await spend(userId, 70); // 10 from the check-in (expires sooner), 60 from the pack
    expect(await balanceOf(userId)).toBe(40);

    const result = await clawbackOrder(db(), { orderNo, now: new Date() });
    expect(result).toMatchObject({ clawedBack: 40, revokedGrants: 1 });
    expect(await balanceOf(userId)).toBe(0);
    expect(await remainingOf(pack.id)).toBe(0);

    const again = await clawbackOrder(db(), { orderNo, now: new Date() });
    expect(again).toMatchObject({ clawedBack: 0, revokedGrants: 0 });
    expect(await entriesOf(userId, "clawback")).toHaveLength(1);
  });

  it("after everything was spent takes nothing, and later refunds cannot revive the order", async () => {
    const userId = await newUser();
    const orderNo = `ord_${randomUUID()}`;
    await grant(userId, 50, 365, { orderNo, sourceId: orderNo });
    const { entry } = await spend(userId, 50);
    const result = await clawbackOrder(db(), { orderNo, now: new Date() });
    expect(result.clawedBack).toBe(0);
    expect(await balanceOf(userId)).toBe(0);

    const refund = await refundCredits(db(), { sourceId: entry.sourceId, now: new Date() });
    expect(refund).toMatchObject({ status: "refunded", returned: 0, forfeited: 50 });
    expect(await balanceOf(userId)).toBe(0);
  });
});

describe("expiry history", () => {
  it("records one expiry row per expired grant, so the ledger sums to the balance", async () => {
    const userId = await newUser();
    const expiring = await grant(userId, 12, 1);
    await grant(userId, 7, 30);
    await spend(userId, 2);
    await expire(expiring.id);

    await recordExpiredCredits(db(), new Date());
    await recordExpiredCredits(db(), new Date());
    const expiries = await entriesOf(userId, "expiry");
    expect(expiries).toHaveLength(1);
    expect(expiries[0]).toMatchObject({ amount: -10, sourceId: expiring.id });
    expect(await remainingOf(expiring.id)).toBe(0);

    const [sum] = await db()
      .select({ total: sql<number>`sum(${credits.amount})::integer` })
      .from(credits)
      .where(eq(credits.userId, userId));
    expect(sum?.total).toBe(await balanceOf(userId));
    expect(await balanceOf(userId)).toBe(7);
  });
});
