import { eq } from "drizzle-orm";
import type { Context } from "hono";
import type { ModelConfig } from "../configs/schema";
import type { AppEnv } from "../context";
import { user } from "../db/schema";
import { ApiError } from "../lib/errors";
import { applyRateLimitHeaders } from "../rate-limit/enforce";
import { retryAfterSeconds } from "../rate-limit/limiter";
import { isMember } from "../users/membership";

/**
 * Creates per user per model and minute, from configs/models.json (expensive models get a
 * tighter budget); members get configs/plans.json memberBenefits' multiple of it.
 * GENERATION_RATE_LIMIT_PER_MINUTE replaces every model's figure — for load
 * tests and benchmarks, never needed in production.
 */
export async function enforceModelRateLimit(
  c: Context<AppEnv>,
  model: ModelConfig,
  userId: string,
): Promise<void> {
  const { rateLimiter, now, config, configs, db } = c.get("services");
  const [me] = await db
    .select({ isSub: user.isSub, subExpiredAt: user.subExpiredAt })
    .from(user)
    .where(eq(user.id, userId));
  const multiplier =
    me && isMember(me, now()) ? configs.memberBenefits.generationRateLimitMultiplier : 1;
  const limit =
    config.GENERATION_RATE_LIMIT_PER_MINUTE ?? Math.floor(model.rateLimit.perMinute * multiplier);
  const decision = await rateLimiter.consume(`generate:${model.id}`, `user:${userId}`, {
    limit,
    windowSeconds: 60,
  });
  applyRateLimitHeaders(c, decision, now().getTime());
  if (!decision.allowed) {
    throw new ApiError("RATE_LIMITED", {
      retryAfter: retryAfterSeconds(decision, now().getTime()),
      details: { bucket: `generate:${model.id}`, limit: decision.limit },
    });
  }
}
