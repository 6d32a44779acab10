import type { Principal } from "./auth/principal";
import type { FeedCache } from "./community/feed-cache";
import type { Configs } from "./configs/load";
import type { Database } from "./db/client";
import type { AppConfig, Env } from "./env";
import type { Locale } from "./i18n/catalogues";
import type { Translate } from "./i18n/translate";
import type { Logger } from "./lib/logger";
import type { Redis } from "./lib/redis";
import type { RateLimiter } from "./rate-limit/limiter";

/** Per-request dependencies, built once by the services middleware (src/app/services.ts). */
export interface Services {
  config: AppConfig;
  configs: Configs;
  logger: Logger;
  /** Opens the request's Postgres pool on first use; closed after the response. */
  readonly db: Database;
  /** Upstash Redis (REST); no connection to open or close. */
  readonly redis: Redis;
  readonly rateLimiter: RateLimiter;
  /** Anonymous gallery first pages in Redis (src/community/feed-cache.ts). */
  readonly feedCache: FeedCache;
  now: () => Date;
  /** Runs work after the response (ctx.waitUntil); awaited inline where there is no ctx. */
  background: (work: Promise<unknown>) => void;
}

export interface AppVariables {
  requestId: string;
  logger: Logger;
  locale: Locale;
  t: Translate;
  services: Services;
  /** Set by resolvePrincipal: undefined = not resolved yet, null = anonymous. */
  principal?: Principal | null;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
