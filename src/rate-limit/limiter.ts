import { Ratelimit } from "@upstash/ratelimit";
import type { Logger } from "../lib/logger";
import type { Redis } from "../lib/redis";
import type { RateLimitBucket, RateLimitRule, RateLimitRules } from "./rules";

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch milliseconds when the window frees up. */
  resetAt: number;
}

/** Whole seconds until the window frees up (at least 1), for Retry-After and RateLimit-Reset. */
export function retryAfterSeconds(decision: RateLimitDecision, now: number): number {
  return Math.max(1, Math.ceil((decision.resetAt - now) / 1000));
}

export interface RateLimiter {
  readonly rules: RateLimitRules;
  /** Counts one request of `identifier` against a configured bucket. */
  check(bucket: RateLimitBucket, identifier: string): Promise<RateLimitDecision>;
  /** Counts one request against an ad-hoc rule (better-auth's per-path rules). */
  consume(namespace: string, identifier: string, rule: RateLimitRule): Promise<RateLimitDecision>;
}

/**
 * Sliding-window limits in Redis, shared by every isolate and every Worker instance. When Redis
 * cannot be reached the request is let through and the failure logged as an error: an outage
 * of the limiter must not become an outage of the product.
 */
export function createRateLimiter(deps: {
  redis: Redis;
  prefix: string;
  rules: RateLimitRules;
  logger: Logger;
}): RateLimiter {
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (namespace: string, rule: RateLimitRule) => {
    const key = `${namespace}:${rule.limit}:${rule.windowSeconds}`;
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: deps.redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: `${deps.prefix}:rl:${namespace}`,
        // Keep the decision in Redis only: a per-isolate cache would make limits differ
        // between isolates, which is what shared limits exist to avoid.
        ephemeralCache: false,
        analytics: false,
        timeout: 2000,
      });
      limiters.set(key, limiter);
    }
    return limiter;
  };

  const consume = async (
    namespace: string,
    identifier: string,
    rule: RateLimitRule,
  ): Promise<RateLimitDecision> => {
    try {
      const result = await limiterFor(namespace, rule).limit(identifier);
      if (result.reason === "timeout") {
        deps.logger.error("rate limiter timed out; request allowed", { namespace });
      }
      return {
        allowed: result.success,
        limit: result.limit,
        remaining: Math.max(0, result.remaining),
        resetAt: result.reset,
      };
    } catch (error) {
      deps.logger.error("rate limiter unavailable; request allowed", {
        namespace,
        error: error instanceof Error ? error.message : String(error),
      });
      return {
        allowed: true,
        limit: rule.limit,
        remaining: rule.limit,
        resetAt: Date.now() + rule.windowSeconds * 1000,
      };
    }
  };

  return {
    rules: deps.rules,
    check: (bucket, identifier) => consume(bucket, identifier, deps.rules[bucket]),
    consume,
  };
}
