import { Redis } from "@upstash/redis/cloudflare";

export type { Redis };

/**
 * Upstash Redis over REST (fetch), the only transport Workers have. Locally the same client
 * talks to the REST stand-in (scripts/local/upstash-standin.ts). Retries are kept short: a
 * request must not stall for seconds behind an unreachable Redis.
 */
export function createRedis(options: { url: string; token: string }): Redis {
  return new Redis({
    url: options.url,
    token: options.token,
    enableTelemetry: false,
    retry: { retries: 1, backoff: () => 50 },
  });
}
