import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { creditSummary } from "../../src/credits/queries";
import {
  clawbackOrder,
  grantCredits,
  refundCredits,
  spendCredits,
} from "../../src/credits/service";
import { credits } from "../../src/db/schema";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { expectLedgerConsistent } from "../support/ledger";

// Many connections, so transactions really interleave on a Postgres server (CI's second pass).
// The embedded PGlite runs one transaction at a time: there the same tests check the outcome.
const db = useTestDatabase({ max: 20 });
const DAY = 86_400_000;

async function userWith(grants: { amount: number; days: number | null; orderNo?: string }[]) {
  const { id } = await createUser(db());
  for (const g of grants) {
    await grantCredits(db(), {
      userId: id,
      amount: g.amount,
      type: "purchase",
      sourceId: g.orderNo ?? `race:${randomUUID()}`,
      orderNo: g.orderNo ?? null,
      expiresAt: g.days === null ? null : new Date(Date.now() + g.days * DAY),
    });
  }
  return id;
}

const settle = <T>(work: Promise<T>[]) => Promise.allSettled(work);
const codeOf = (r: PromiseSettledResult<unknown>) =>
  r.status === "rejected" ? ((r.reason as { code?: string }).code ?? String(r.reason)) : "ok";

describe(`credits under concurrency (${inject("databaseKind")})`, () => {
  it("200 concurrent 1-credit spends by a user holding 50: exactly 50 succeed", async () => {
    const userId = await userWith([
      { amount: 20, days: 10 },
      { amount: 20, days: 40 },
      { amount: 10, days: null },
    ]);
    const results = await settle(
      Array.from({ length: 200 }, () =>
        spendCredits(db(), { userId, amount: 1, sourceId: randomUUID(), now: new Date() }),
      ),
    );
    const outcomes = results.map(codeOf);
    expect(outcomes.filter((c) => c === "ok")).toHaveLength(50);
    expect(outcomes.filter((c) => c === "INSUFFICIENT_CREDITS")).toHaveLength(150);
    expect((await creditSummary(db(), userId, new Date())).balance).toBe(0);
    const spends = await db()
      .select()
      .from(credits)
      .where(and(eq(credits.userId, userId), eq(credits.transType, "generation")));
    expect(spends).toHaveLength(50);
    await expectLedgerConsistent(db(), userId);
  });

  it("the same spend sent 20 times at once is taken once", async () => {
    const userId = await userWith([{ amount: 100, days: 30 }]);
    const sourceId = randomUUID();
    const results = await settle(
      Array.from({ length: 20 }, () =>
        spendCredits(db(), { userId, amount: 7, sourceId, now: new Date() }),
      ),
    );
    expect(results.map(codeOf).every((c) => c === "ok")).toBe(true);
    expect((await creditSummary(db(), userId, new Date())).balance).toBe(93);
    await expectLedgerConsistent(db(), userId);
  });

  it("20 concurrent refunds of one spend refund it once", async () => {
    const userId = await userWith([{ amount: 30, days: 30 }]);
    const { entry } = await spendCredits(db(), {
      userId,
      amount: 12,
      sourceId: randomUUID(),
      now: new Date(),
    });
    const results = await settle(
      Array.from({ length: 20 }, () =>
        refundCredits(db(), { sourceId: entry.sourceId, now: new Date() }),
      ),
    );
    const statuses = results.map((r) => (r.status === "fulfilled" ? r.value.status : codeOf(r)));
    expect(statuses.filter((s) => s === "refunded")).toHaveLength(1);
    expect(statuses.filter((s) => s === "already_refunded")).toHaveLength(19);
    expect((await creditSummary(db(), userId, new Date())).balance).toBe(30);
    await expectLedgerConsistent(db(), userId);
  });

  it("the same grant delivered 20 times at once (a webhook storm) lands once", async () => {
    const { id: userId } = await createUser(db());
    const sourceId = `in_${randomUUID()}`;
    const results = await settle(
      Array.from({ length: 20 }, () =>
        grantCredits(db(), { userId, amount: 600, type: "subscription", sourceId }),
      ),
    );
    expect(results.map(codeOf).every((c) => c === "ok")).toBe(true);
    expect((await creditSummary(db(), userId, new Date())).balance).toBe(600);
  });

  it("spends racing a clawback and refunds never push the balance below zero", async () => {
    const orderNo = `ord_${randomUUID()}`;
    const userId = await userWith([
      { amount: 100, days: 365, orderNo },
      { amount: 20, days: 5 },
    ]);
    const spends = Array.from({ length: 30 }, () =>
      spendCredits(db(), { userId, amount: 5, sourceId: randomUUID(), now: new Date() }),
    );
    const clawback = clawbackOrder(db(), { orderNo, now: new Date() });
    const spent = await settle(spends);
    await clawback;
    const refunds = spent
      .filter((r) => r.status === "fulfilled")
      .map((r) =>
        refundCredits(db(), {
          sourceId: (r as PromiseFulfilledResult<{ entry: { sourceId: string } }>).value.entry
            .sourceId,
          now: new Date(),
        }),
      );
    await settle(refunds);
    const summary = await creditSummary(db(), userId, new Date());
    expect(summary.balance).toBeGreaterThanOrEqual(0);
    // Whatever the interleaving, the order's grant ends revoked and empty: refunds of spends
    // that used it were forfeited; only the 20-credit grant can hold credits again.
    expect(summary.balance).toBeLessThanOrEqual(20);
    const [pack] = await db().select().from(credits).where(eq(credits.sourceId, orderNo));
    expect(pack?.remaining).toBe(0);
    expect(pack?.revokedAt).not.toBeNull();
    await expectLedgerConsistent(db(), userId);
  });
});
