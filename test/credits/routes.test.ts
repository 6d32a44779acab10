import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { grantCredits, spendCredits } from "../../src/credits/service";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, issuesOf } from "../support/http";

const db = useTestDatabase();
const DAY = 86_400_000;

interface Summary {
  balance: number;
  totalEarned: number;
  totalUsed: number;
  nextExpiringAt: string | null;
  nextExpiringAmount: number;
}
interface Entry {
  id: string;
  type: string;
  label: string;
  amount: number;
  remaining: number | null;
  expiresAt: string | null;
  createdAt: string;
}
interface History {
  items: Entry[];
  nextCursor: string | null;
}

const get = async <T>(path: string, cookie: string) => {
  const res = await call(path, withCookie(cookie));
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json<T>();
};

// Every signed-up user starts with the signup bonus (expiring in BONUS_DAYS); the numbers
// below include it.
const BONUS = getConfigs().incentives.signupBonus.credits;
const BONUS_DAYS = getConfigs().incentives.signupBonus.validDays;
const freshUser = signUp;

const grant = (userId: string, amount: number, days: number | null, type = "purchase" as const) =>
  grantCredits(db(), {
    userId,
    amount,
    type,
    sourceId: `t:${randomUUID()}`,
    expiresAt: days === null ? null : new Date(Date.now() + days * DAY),
  });

describe("GET /api/credits", () => {
  it("shows balance, totals and the next credits to expire", async () => {
    const user = await freshUser();
    const soon = await grant(user.id, 30, 3);
    await grant(user.id, 50, 90);
    await grant(user.id, 20, null);
    await spendCredits(db(), {
      userId: user.id,
      amount: 10,
      sourceId: randomUUID(),
      now: new Date(),
    });

    const summary = await get<Summary>("/api/credits", user.cookie);
    expect(summary).toEqual({
      balance: 90 + BONUS,
      totalEarned: 100 + BONUS,
      totalUsed: 10,
      nextExpiringAt: soon.entry.expiresAt?.toISOString(),
      nextExpiringAmount: 20,
    });
    const me = await get<{ credits: { balance: number } }>("/api/me", user.cookie);
    expect(me.credits.balance).toBe(90 + BONUS);
  });

  it("for a new user shows only the signup bonus", async () => {
    const user = await freshUser();
    const summary = await get<Summary>("/api/credits", user.cookie);
    expect(summary).toMatchObject({
      balance: BONUS,
      totalEarned: BONUS,
      totalUsed: 0,
      nextExpiringAmount: BONUS,
    });
    const days = (Date.parse(summary.nextExpiringAt ?? "") - Date.now()) / DAY;
    expect(Math.round(days)).toBe(BONUS_DAYS);
  });
});

describe("GET /api/credits/history", () => {
  it("pages through my ledger newest first without skipping rows written together", async () => {
    const user = await freshUser();
    // One transaction writes these rows, so they share a created_at to the microsecond.
    await db().transaction(async (tx) => {
      for (let i = 0; i < 5; i++) {
        await grantCredits(tx, {
          userId: user.id,
          amount: i + 1,
          type: "admin_grant",
          sourceId: `t:${randomUUID()}`,
        });
      }
    });
    await grant(user.id, 100, 30);

    const seen: Entry[] = [];
    let cursor: string | null = null;
    do {
      const page: History = await get<History>(
        `/api/credits/history?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
        user.cookie,
      );
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7); // + the signup bonus
    expect(new Set(seen.map((e) => e.id)).size).toBe(7);
    expect(seen[0]?.amount).toBe(100);
  });

  it("filters by type and labels entries in the caller's language", async () => {
    const user = await freshUser();
    await grant(user.id, 40, 30);
    await grant(user.id, 5, 30, "check_in" as "purchase");
    await spendCredits(db(), {
      userId: user.id,
      amount: 3,
      sourceId: randomUUID(),
      now: new Date(),
    });

    const onlyCheckIns = await get<History>(
      "/api/credits/history?type=check_in,generation",
      user.cookie,
    );
    expect(onlyCheckIns.items.map((e) => e.type).sort()).toEqual(["check_in", "generation"]);

    const ja = await get<History>("/api/credits/history?type=check_in&locale=ja", user.cookie);
    expect(ja.items[0]?.label).toBe("デイリーチェックイン");
    const en = await get<History>("/api/credits/history?type=generation", user.cookie);
    expect(en.items[0]).toMatchObject({ label: "Generation", amount: -3, remaining: null });
  });

  it("rejects unknown types, forged cursors and bad limits with 400", async () => {
    const user = await freshUser();
    const unknown = await expectError(
      await call("/api/credits/history?type=free_money", withCookie(user.cookie)),
      400,
      "VALIDATION_FAILED",
    );
    expect(issuesOf(unknown)[0]?.message).toContain("free_money");
    await expectError(
      await call("/api/credits/history?cursor=not-a-cursor", withCookie(user.cookie)),
      400,
      "INVALID_CURSOR",
    );
    const forged = btoa(JSON.stringify({ at: "2026-01-01T00:00:00Z", id: "x' or 1=1" }));
    await expectError(
      await call(`/api/credits/history?cursor=${forged}`, withCookie(user.cookie)),
      400,
      "INVALID_CURSOR",
    );
    for (const limit of ["0", "101", "-1", "abc"]) {
      await expectError(
        await call(`/api/credits/history?limit=${limit}`, withCookie(user.cookie)),
        400,
        "VALIDATION_FAILED",
      );
    }
  });

  it("never shows another user's entries", async () => {
    const owner = await freshUser();
    const stranger = await freshUser();
    const { entry } = await grant(owner.id, 77, 30);
    const history = await get<History>("/api/credits/history", stranger.cookie);
    expect(history.items.map((e) => e.id)).not.toContain(entry.id);
    expect((await get<Summary>("/api/credits", stranger.cookie)).balance).toBe(BONUS);
  });
});

describe("GET /api/credits/expiring", () => {
  it("lists live grants expiring within the window, soonest first", async () => {
    const user = await freshUser();
    await grant(user.id, 10, 2);
    await grant(user.id, 20, 6);
    await grant(user.id, 30, 20);
    await grant(user.id, 40, null);
    const week = await get<{ total: number; items: { remaining: number }[] }>(
      "/api/credits/expiring",
      user.cookie,
    );
    expect(week.total).toBe(30);
    expect(week.items.map((i) => i.remaining)).toEqual([10, 20]);
    // 29 days: the 20-day grant joins; the signup bonus (30 days) does not yet.
    const month = await get<{ total: number }>("/api/credits/expiring?days=29", user.cookie);
    expect(month.total).toBe(60);
    for (const days of ["0", "366", "1.5", "x"]) {
      await expectError(
        await call(`/api/credits/expiring?days=${days}`, withCookie(user.cookie)),
        400,
        "VALIDATION_FAILED",
      );
    }
  });
});
