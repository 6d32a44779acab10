import { and, desc, eq, lte } from "drizzle-orm";
import type { Services } from "../context";
import { grantCredits, lockLedger } from "../credits/service";
import { userIncentives } from "../db/schema";
import type { Executor } from "../db/transaction";
import { ApiError } from "../lib/errors";
import { addDays, checkInOutlook, checkInReward, nextUtcMidnight, streakOn, utcDay } from "./rules";

type IncentiveRow = typeof userIncentives.$inferSelect;

/** The user's most recent check-in up to and including `day`. */
async function latestCheckIn(db: Executor, userId: string, day: string) {
  const [row] = await db
    .select()
    .from(userIncentives)
    .where(
      and(
        eq(userIncentives.userId, userId),
        eq(userIncentives.type, "check_in"),
        lte(userIncentives.rewardDate, day),
      ),
    )
    .orderBy(desc(userIncentives.rewardDate))
    .limit(1);
  return row;
}

/**
 * Daily check-in: one reward per user per UTC day, whatever the number of concurrent requests
 * (the unique (user, type, day, slot) key decides; only the request whose row went in grants).
 */
export async function checkIn(services: Services, userId: string) {
  const rules = services.configs.incentives.checkIn;
  const now = services.now();
  const today = utcDay(now);
  return services.db.transaction(async (tx) => {
    const last = await latestCheckIn(tx, userId, today);
    if (last?.rewardDate === today) return { created: false, row: last };
    const streak = streakOn(
      today,
      last ? { date: last.rewardDate, streak: last.streakCount ?? 1 } : null,
      rules,
    );
    const [row] = await tx
      .insert(userIncentives)
      .values({
        userId,
        type: "check_in",
        rewardDate: today,
        slot: 1,
        rewardAmount: checkInReward(streak, rules),
        streakCount: streak,
      })
      .onConflictDoNothing()
      .returning();
    if (!row) {
      // A concurrent request checked in first; its row is committed (we waited on its key).
      const winner = await latestCheckIn(tx, userId, today);
      if (winner?.rewardDate !== today) throw new Error("check-in: conflicting row vanished");
      return { created: false, row: winner };
    }
    await grantCredits(tx, {
      userId,
      amount: row.rewardAmount,
      type: "check_in",
      sourceId: `${userId}:${today}`,
      expiresAt: addDays(now, rules.validDays),
    });
    return { created: true, row };
  });
}

function sharesOn(db: Executor, userId: string, day: string) {
  return db
    .select()
    .from(userIncentives)
    .where(
      and(
        eq(userIncentives.userId, userId),
        eq(userIncentives.type, "share_sns"),
        eq(userIncentives.rewardDate, day),
      ),
    )
    .orderBy(userIncentives.slot);
}

/** Shares are recorded by their normalised URL: sharing the same link twice pays once. */
const sharedUrl = (row: IncentiveRow) => row.metadata?.url;

/**
 * A share reward: up to `share.maxPerDay` per UTC day, each a different URL. The user's ledger
 * lock serialises their claims so two concurrent ones cannot both take the last slot.
 */
export async function claimShare(
  services: Services,
  userId: string,
  input: { platform: string; url: string },
) {
  const rules = services.configs.incentives.share;
  const now = services.now();
  const today = utcDay(now);
  const url = new URL(input.url).href;
  return services.db.transaction(async (tx) => {
    await lockLedger(tx, userId);
    const todays = await sharesOn(tx, userId, today);
    const same = todays.find((row) => sharedUrl(row) === url);
    if (same) return { created: false, row: same, claimedToday: todays.length };
    if (todays.length >= rules.maxPerDay) {
      const resetsAt = nextUtcMidnight(now);
      throw new ApiError("DAILY_LIMIT_REACHED", {
        retryAfter: Math.ceil((resetsAt.getTime() - now.getTime()) / 1000),
        details: { limit: rules.maxPerDay, resetsAt: resetsAt.toISOString() },
      });
    }
    const slot = todays.length + 1;
    const [row] = await tx
      .insert(userIncentives)
      .values({
        userId,
        type: "share_sns",
        rewardDate: today,
        slot,
        rewardAmount: rules.credits,
        metadata: { platform: input.platform, url },
      })
      .returning();
    if (!row) throw new Error("share: insert returned nothing");
    await grantCredits(tx, {
      userId,
      amount: rules.credits,
      type: "share",
      sourceId: `${userId}:${today}:${slot}`,
      expiresAt: addDays(now, rules.validDays),
      metadata: { platform: input.platform, url },
    });
    return { created: true, row, claimedToday: slot };
  });
}

/** Where the user stands today: checked in?, streak, next reward, share claims left. */
export async function incentiveStatus(services: Services, userId: string) {
  const { checkIn: checkInRules, share } = services.configs.incentives;
  const now = services.now();
  const today = utcDay(now);
  const last = await latestCheckIn(services.db, userId, today);
  const outlook = checkInOutlook(
    today,
    last ? { date: last.rewardDate, streak: last.streakCount ?? 1 } : null,
    checkInRules,
  );
  const shares = await sharesOn(services.db, userId, today);
  return {
    date: today,
    resetsAt: nextUtcMidnight(now),
    checkIn: { ...outlook, todayReward: outlook.checkedInToday ? (last?.rewardAmount ?? 0) : null },
    share: {
      reward: share.credits,
      maxPerDay: share.maxPerDay,
      claimedToday: shares.length,
      claimsLeft: Math.max(0, share.maxPerDay - shares.length),
      platforms: share.platforms,
    },
  };
}
