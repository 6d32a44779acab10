import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../context";
import { ApiError } from "../lib/errors";
import { type RateLimitDecision, retryAfterSeconds } from "./limiter";
import type { RateLimitBucket } from "./rules";

/** The client's address as Cloudflare reports it; every unknown client shares one budget. */
export function clientIp(c: Context<AppEnv>): string {
  return c.req.header("cf-connecting-ip")?.trim() || "unknown";
}

/**
 * Counts the request against `bucket` for `identifier`, sets the RateLimit-* headers
 * (draft-ietf-httpapi-ratelimit-headers) and throws RATE_LIMITED with Retry-After when over.
 */
export async function enforceRateLimit(
  c: Context<AppEnv>,
  bucket: RateLimitBucket,
  identifier: string,
): Promise<void> {
  const { rateLimiter, now } = c.get("services");
  const decision = await rateLimiter.check(bucket, identifier);
  applyRateLimitHeaders(c, decision, now().getTime());
  if (!decision.allowed) {
    throw new ApiError("RATE_LIMITED", {
      retryAfter: retryAfterSeconds(decision, now().getTime()),
      details: { bucket, limit: decision.limit },
    });
  }
}

export function applyRateLimitHeaders(c: Context, decision: RateLimitDecision, now: number) {
  c.header("RateLimit-Limit", String(decision.limit));
  c.header("RateLimit-Remaining", String(decision.remaining));
  c.header("RateLimit-Reset", String(retryAfterSeconds(decision, now)));
}

/** Per-IP limit for the matching requests (mounted on paths in app.ts). */
export function rateLimitByIp(
  bucket: RateLimitBucket,
  applies: (method: string) => boolean = () => true,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (applies(c.req.method)) await enforceRateLimit(c, bucket, `ip:${clientIp(c)}`);
    await next();
  };
}
