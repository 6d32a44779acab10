import { and, eq, exists, gt, isNull, sql } from "drizzle-orm";
import type { IncentivesConfig } from "../configs/schema";
import { grantCredits } from "../credits/service";
import type { Database } from "../db/client";
import { account, credits, user } from "../db/schema";
import { addDays } from "./rules";

/** The welcome bonus, once per user (its source id is the user id). */
export async function grantSignupBonus(
  db: Database,
  rules: IncentivesConfig["signupBonus"],
  userId: string,
  now: Date,
) {
  if (rules.credits === 0) return null;
  const { entry, created } = await grantCredits(db, {
    userId,
    amount: rules.credits,
    type: "signup_bonus",
    sourceId: userId,
    expiresAt: addDays(now, rules.validDays),
  });
  return created ? entry : null;
}

/** How far back the repair job looks for users whose bonus did not go in at sign-up. */
const REPAIR_WINDOW_DAYS = 7;

/**
 * Sign-up grants the bonus right after the user row commits; if that step failed (database
 * blip, isolate killed), this scheduled job grants it later to users who signed up in the last
 * week. Idempotent like the grant itself.
 */
export async function grantMissingSignupBonuses(
  db: Database,
  rules: IncentivesConfig["signupBonus"],
  now: Date,
) {
  if (rules.credits === 0) return { granted: 0 };
  const missing = await db
    .select({ id: user.id })
    .from(user)
    .leftJoin(
      credits,
      and(eq(credits.transType, "signup_bonus"), eq(credits.sourceId, sql`${user.id}::text`)),
    )
    .where(
      and(
        gt(user.createdAt, addDays(now, -REPAIR_WINDOW_DAYS)),
        isNull(credits.id),
        // Signed up (a credential or OAuth account), not a row made by hand or a script.
        exists(db.select({ one: sql`1` }).from(account).where(eq(account.userId, user.id))),
      ),
    )
    .limit(1000);
  let granted = 0;
  for (const row of missing) {
    if (await grantSignupBonus(db, rules, row.id, now)) granted += 1;
  }
  return { granted };
}
