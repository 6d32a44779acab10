import {
  createExecutionContext,
  createScheduledController,
  env,
  waitOnExecutionContext,
} from "cloudflare:test";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getConfigs } from "../../src/configs";
import { CRON_JOBS } from "../../src/cron/scheduled";
import { account, credits, session } from "../../src/db/schema";
import worker from "../../src/index";
import { useTestDatabase } from "../support/db";
import { createSession, createUser, insertGrant } from "../support/fixtures";

const db = useTestDatabase();
const DAY = 24 * 3600 * 1000;

async function fire(cron: string) {
  const ctx = createExecutionContext();
  await worker.scheduled(
    createScheduledController({ cron, scheduledTime: Date.now() }),
    env as never,
    ctx,
  );
  await waitOnExecutionContext(ctx);
}

describe("scheduled handler", () => {
  it("every cron in wrangler.toml has jobs", async () => {
    const toml = await import("../../wrangler.toml?raw");
    const crons = [...toml.default.matchAll(/crons\s*=\s*\[([^\]]*)\]/g)].flatMap((m) =>
      [...(m[1] ?? "").matchAll(/"([^"]+)"/g)].map((c) => c[1]),
    );
    expect(crons.length).toBeGreaterThan(0);
    for (const cron of crons) expect(CRON_JOBS[cron as string]?.length, cron).toBeGreaterThan(0);
  });

  it("the daily run purges long-expired sessions and keeps live ones", async () => {
    const user = await createUser(db());
    const stale = await createSession(db(), user.id, { expiresAt: new Date(Date.now() - 2 * DAY) });
    const justExpired = await createSession(db(), user.id, {
      expiresAt: new Date(Date.now() - 60_000),
    });
    const live = await createSession(db(), user.id);
    await fire("17 3 * * *");
    const left = (
      await db().select({ id: session.id }).from(session).where(eq(session.userId, user.id))
    ).map((r) => r.id);
    expect(left.sort()).toEqual([justExpired.id, live.id].sort());
    expect(left).not.toContain(stale.id);
  });

  it("the half-hourly run records expired credits and grants missed signup bonuses", async () => {
    const user = await createUser(db());
    await db()
      .insert(account)
      .values({ userId: user.id, accountId: user.id, providerId: "credential" });
    const expired = await insertGrant(db(), user.id, 9, {
      expiresAt: new Date(Date.now() - 60_000),
    });
    await fire("*/30 * * * *");
    const rows = await db().select().from(credits).where(eq(credits.userId, user.id));
    expect(rows.find((r) => r.transType === "expiry")).toMatchObject({
      amount: -9,
      sourceId: expired.id,
    });
    expect(rows.find((r) => r.transType === "signup_bonus")?.amount).toBe(
      getConfigs().incentives.signupBonus.credits,
    );
  });

  it("ignores a cron expression it has no jobs for", async () => {
    await expect(fire("0 0 1 1 *")).resolves.toBeUndefined();
  });
});
