import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { account, credits } from "../../src/db/schema";
import { grantMissingSignupBonuses } from "../../src/incentives/signup-bonus";
import { signUp, withCookie } from "../support/auth";
import { useTestDatabase } from "../support/db";
import { createUser } from "../support/fixtures";
import { call } from "../support/http";

const db = useTestDatabase();
const rules = getConfigs().incentives.signupBonus;

const bonusesOf = (userId: string) =>
  db()
    .select()
    .from(credits)
    .where(and(eq(credits.userId, userId), eq(credits.transType, "signup_bonus")));

describe("signup bonus", () => {
  it("is granted at sign-up with the configured amount and validity", async () => {
    const user = await signUp();
    const summary = await (await call("/api/credits", withCookie(user.cookie))).json<{
      balance: number;
      nextExpiringAt: string;
    }>();
    expect(summary.balance).toBe(rules.credits);
    const days = (Date.parse(summary.nextExpiringAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(rules.validDays);
    expect(await bonusesOf(user.id)).toHaveLength(1);
  });

  it("is repaired by the scheduled job when sign-up missed it, and only once", async () => {
    const missed = await createUser(db());
    await db().insert(account).values({
      userId: missed.id,
      accountId: missed.id,
      providerId: "credential",
    });
    const scripted = await createUser(db()); // no account: not a sign-up
    expect(await bonusesOf(missed.id)).toHaveLength(0);
    const first = await grantMissingSignupBonuses(db(), rules, new Date());
    expect(first.granted).toBeGreaterThanOrEqual(1);
    await grantMissingSignupBonuses(db(), rules, new Date());
    expect(await bonusesOf(missed.id)).toHaveLength(1);
    expect(await bonusesOf(scripted.id)).toHaveLength(0);
  });
});
