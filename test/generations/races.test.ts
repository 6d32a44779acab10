import { eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { creditSummary } from "../../src/credits/queries";
import { generations } from "../../src/db/schema";
import { signUp } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { insertGrant } from "../support/fixtures";
import { callWithEnv } from "../support/http";
import { expectLedgerConsistent } from "../support/ledger";

const db = useTestDatabase();
// Only credits may decide who is turned away here, not the per-model rate limit.
const ENV = {
  GENERATION_RATE_LIMIT_PER_MINUTE: "1000",
  RATE_LIMITS: JSON.stringify({ userWrite: { limit: 1000, windowSeconds: 60 } }),
};

function create(cookie: string, headers: Record<string, string> = {}) {
  return callWithEnv(ENV, "/api/generations", {
    method: "POST",
    headers: { "content-type": "application/json", cookie, ...headers },
    body: JSON.stringify({
      type: "image",
      model: "gpt-4o-image",
      prompt: "a paper crane",
      count: 1,
    }),
  });
}

describe(`concurrent creates (${inject("databaseKind")})`, () => {
  it("30 at once with credits for 10: exactly 10 accepted, 20 refused with 402", async () => {
    const user = await signUp();
    await insertGrant(db(), user.id, 160 - 50); // 50 signup bonus + 110 = 10 × 16
    const results = await Promise.all(Array.from({ length: 30 }, () => create(user.cookie)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 202)).toHaveLength(10);
    expect(statuses.filter((s) => s === 402)).toHaveLength(20);
    const rows = await db().select().from(generations).where(eq(generations.userId, user.id));
    expect(rows).toHaveLength(10);
    expect((await creditSummary(db(), user.id, new Date())).balance).toBe(0);
    await expectLedgerConsistent(db(), user.id);
  });

  it("the same Idempotency-Key sent 10 times at once creates and charges one generation", async () => {
    const user = await signUp();
    const key = `race-${crypto.randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => create(user.cookie, { "idempotency-key": key })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(202));
    const uuids = new Set(
      await Promise.all(
        results.map(
          async (r) => (await r.json<{ generation: { uuid: string } }>()).generation.uuid,
        ),
      ),
    );
    expect(uuids.size).toBe(1);
    expect((await creditSummary(db(), user.id, new Date())).balance).toBe(50 - 16);
    await expectLedgerConsistent(db(), user.id);
  });
});
