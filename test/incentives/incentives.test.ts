import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { credits, userIncentives } from "../../src/db/schema";
import { utcDay } from "../../src/incentives/rules";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { call, expectError, issuesOf, postJson } from "../support/http";

const db = useTestDatabase();
const DAY = 86_400_000;
const dayOffset = (days: number) => utcDay(new Date(Date.now() + days * DAY));

interface CheckIn {
  alreadyCheckedIn: boolean;
  date: string;
  streak: number;
  reward: number;
  nextReward: number;
  balance: number;
}

const checkIn = (cookie: string) => postJson("/api/incentives/check-in", {}, { cookie });
const share = (cookie: string, body: unknown) =>
  postJson("/api/incentives/share", body, { cookie });

async function ledgerOf(userId: string, transType: string) {
  return db()
    .select()
    .from(credits)
    .where(and(eq(credits.userId, userId), eq(credits.transType, transType)));
}

async function pastCheckIn(userId: string, daysAgo: number, streak: number) {
  await db()
    .insert(userIncentives)
    .values({
      userId,
      type: "check_in",
      rewardDate: dayOffset(-daysAgo),
      rewardAmount: 5,
      streakCount: streak,
    });
}

describe("POST /api/incentives/check-in", () => {
  it("rewards once per UTC day; repeating it changes nothing", async () => {
    const user = await signUp();
    const first = await checkIn(user.cookie);
    expect(first.status).toBe(200);
    const body = await first.json<CheckIn>();
    expect(body).toMatchObject({
      alreadyCheckedIn: false,
      date: dayOffset(0),
      streak: 1,
      reward: 5,
      nextReward: 5,
    });
    const again = await (await checkIn(user.cookie)).json<CheckIn>();
    expect(again).toMatchObject({ alreadyCheckedIn: true, reward: 5, balance: body.balance });
    const grants = await ledgerOf(user.id, "check_in");
    expect(grants).toHaveLength(1);
    const validFor = (grants[0]?.expiresAt?.getTime() ?? 0) - Date.now();
    expect(Math.round(validFor / DAY)).toBe(30);
  });

  it("10 concurrent check-ins grant one reward", async () => {
    const user = await signUp();
    const results = await Promise.all(Array.from({ length: 10 }, () => checkIn(user.cookie)));
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(200));
    const bodies = await Promise.all(results.map((r) => r.json<CheckIn>()));
    expect(bodies.filter((b) => !b.alreadyCheckedIn)).toHaveLength(1);
    expect(await ledgerOf(user.id, "check_in")).toHaveLength(1);
  });

  it("continues a streak from yesterday with the reward table, and resets after a gap", async () => {
    const streaking = await signUp();
    await pastCheckIn(streaking.id, 1, 2);
    const third = await (await checkIn(streaking.cookie)).json<CheckIn>();
    expect(third).toMatchObject({ streak: 3, reward: 10, nextReward: 10 });

    const lapsed = await signUp();
    await pastCheckIn(lapsed.id, 2, 6);
    const restarted = await (await checkIn(lapsed.cookie)).json<CheckIn>();
    expect(restarted).toMatchObject({ streak: 1, reward: 5 });
  });

  it("refuses API keys (claims need a session)", async () => {
    const user = await signUp();
    const created = await postJson(
      "/api/api-keys",
      { name: "bot", scopes: ["credits:read"] },
      { cookie: user.cookie },
    );
    const { secret } = await created.json<{ secret: string }>();
    const res = await postJson(
      "/api/incentives/check-in",
      {},
      { authorization: `Bearer ${secret}` },
    );
    await expectError(res, 403, "API_KEY_SCOPE_MISSING");
    expect(await ledgerOf(user.id, "check_in")).toHaveLength(0);
  });
});

describe("POST /api/incentives/share", () => {
  it("rewards one share per day (config cap), the same URL once, then 429 until midnight", async () => {
    const user = await signUp();
    const url = "https://x.com/someone/status/123";
    const first = await share(user.cookie, { platform: "x", url });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ alreadyClaimed: false, reward: 10, claimsLeft: 0 });

    const same = await share(user.cookie, { platform: "x", url });
    expect(await same.json()).toMatchObject({ alreadyClaimed: true, claimsLeft: 0 });

    const other = await share(user.cookie, { platform: "reddit", url: "https://reddit.com/r/a/1" });
    const error = await expectError(other, 429, "DAILY_LIMIT_REACHED");
    expect(error.error.details).toMatchObject({ limit: 1 });
    const retryAfter = Number(other.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(86_400);
    expect(await ledgerOf(user.id, "share")).toHaveLength(1);
  });

  it("rejects unknown platforms, non-https URLs and extra fields, writing nothing", async () => {
    const user = await signUp();
    const bad = [
      { platform: "myspace", url: "https://myspace.com/a" },
      { platform: "x", url: "http://x.com/a" },
      { platform: "x", url: "javascript:alert(1)" },
      { platform: "x" },
      { platform: "x", url: "https://x.com/a", credits: 1000 },
    ];
    for (const body of bad) {
      const res = await share(user.cookie, body);
      const error = await expectError(res, 400, "VALIDATION_FAILED");
      expect(issuesOf(error).length).toBeGreaterThan(0);
    }
    expect(await ledgerOf(user.id, "share")).toHaveLength(0);
  });
});

describe("GET /api/incentives/status", () => {
  it("tells whether I checked in, my streak, the next reward and shares left", async () => {
    const user = await signUp();
    await pastCheckIn(user.id, 1, 4);
    const before = await (await call("/api/incentives/status", withCookie(user.cookie))).json();
    expect(before).toMatchObject({
      date: dayOffset(0),
      checkIn: { checkedInToday: false, streak: 4, nextReward: 15, todayReward: null },
      share: { reward: 10, maxPerDay: 1, claimedToday: 0, claimsLeft: 1 },
    });
    await checkIn(user.cookie);
    await share(user.cookie, { platform: "x", url: "https://x.com/a/1" });
    const after = await (await call("/api/incentives/status", withCookie(user.cookie))).json();
    expect(after).toMatchObject({
      checkIn: { checkedInToday: true, streak: 5, todayReward: 15, nextReward: 15 },
      share: { claimedToday: 1, claimsLeft: 0 },
    });
  });
});
