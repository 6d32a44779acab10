import { createFeedCache, type FeedCache } from "../community/feed-cache";
import { getConfigs } from "../configs";
import type { Services } from "../context";
import { type DbHandle, openDatabase } from "../db/client";
import { type Env, loadAppConfig } from "../env";
import type { Logger } from "../lib/logger";
import { createRedis, type Redis } from "../lib/redis";
import { createRateLimiter, type RateLimiter } from "../rate-limit/limiter";
import { mergeRateLimits } from "../rate-limit/rules";

/**
 * Builds the dependencies of one request, queue batch or cron run. The database pool opens on
 * first use; `close()` waits for background work, then ends it (pass it to waitUntil).
 */
export function createServices(
  env: Env,
  logger: Logger,
): { services: Services; close(): Promise<void> } {
  const config = loadAppConfig(env);
  const configs = getConfigs();
  let handle: DbHandle | undefined;
  let redis: Redis | undefined;
  let rateLimiter: RateLimiter | undefined;
  let feedCache: FeedCache | undefined;
  const pending: Promise<unknown>[] = [];
  const services: Services = {
    config,
    configs,
    logger,
    now: () => new Date(),
    get db() {
      handle ??= openDatabase({ url: config.DATABASE_URL, wsProxy: config.NEON_WS_PROXY });
      return handle.db;
    },
    get redis() {
      redis ??= createRedis({
        url: config.UPSTASH_REDIS_REST_URL,
        token: config.UPSTASH_REDIS_REST_TOKEN,
      });
      return redis;
    },
    get rateLimiter() {
      rateLimiter ??= createRateLimiter({
        redis: services.redis,
        prefix: config.RATE_LIMIT_PREFIX,
        rules: mergeRateLimits(configs.rateLimits, config.RATE_LIMITS),
        logger,
      });
      return rateLimiter;
    },
    get feedCache() {
      feedCache ??= createFeedCache({
        redis: services.redis,
        prefix: config.RATE_LIMIT_PREFIX,
        ttlSeconds: config.GALLERY_CACHE_TTL_SECONDS,
        logger,
      });
      return feedCache;
    },
    background(work) {
      pending.push(
        work.catch((error: unknown) =>
          logger.error("background work failed", {
            error: error instanceof Error ? error.message : String(error),
          }),
        ),
      );
    },
  };
  return {
    services,
    close: async () => {
      // Background work may still use the pool: let it finish before closing.
      while (pending.length > 0) await Promise.all(pending.splice(0));
      await handle?.close().catch(() => {});
    },
  };
}
