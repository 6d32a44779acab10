import type { Logger } from "../lib/logger";
import type { Redis } from "../lib/redis";

/**
 * Anonymous first pages of the gallery, cached in Redis for a few seconds. Every entry records
 * the gallery version it was built at; publishing, unpublishing, deleting or moderating a work
 * bumps the version (one INCR), which retires every cached page at once. A like does not bump
 * it: counts on cached pages catch up when the entry expires (`ttlSeconds`).
 *
 * Reads take one round trip (MGET of the version and the entry). The version is read before
 * the page is built, so a page built while a publish commits is stored under the old version
 * and never served after the bump. Redis failures degrade to "not cached", never to an error.
 */
export interface CachedPage {
  etag: string;
  body: string;
}

interface Entry extends CachedPage {
  version: number;
}

export interface FeedCache {
  /** The cached page, or a miss carrying the version to store a fresh page under. */
  read(variant: string): Promise<{ hit: CachedPage | null; version: number | null }>;
  write(variant: string, version: number, page: CachedPage): Promise<void>;
  /** Retires every cached page (after a change to which works are listed). */
  invalidate(): Promise<void>;
}

export function createFeedCache(deps: {
  redis: Redis;
  prefix: string;
  ttlSeconds: number;
  logger: Logger;
}): FeedCache {
  const versionKey = `${deps.prefix}:gallery:version`;
  const entryKey = (variant: string) => `${deps.prefix}:gallery:page:${variant}`;
  const failed = (action: string) => (error: unknown) => {
    deps.logger.warn(`gallery cache ${action} failed`, {
      error: error instanceof Error ? error.message : String(error),
    });
  };
  return {
    async read(variant) {
      try {
        const [version, entry] = await deps.redis.mget<[number | null, Entry | null]>(
          versionKey,
          entryKey(variant),
        );
        const current = Number(version ?? 0);
        const fresh = entry && entry.version === current ? entry : null;
        return { hit: fresh ? { etag: fresh.etag, body: fresh.body } : null, version: current };
      } catch (error) {
        failed("read")(error);
        return { hit: null, version: null };
      }
    },
    async write(variant, version, page) {
      const entry: Entry = { version, ...page };
      await deps.redis
        .set(entryKey(variant), entry, { ex: deps.ttlSeconds })
        .catch(failed("write"));
    },
    async invalidate() {
      await deps.redis.incr(versionKey).catch(failed("invalidate"));
    },
  };
}
